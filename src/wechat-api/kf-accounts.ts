import type { ApiCaller } from './caller';
import { MSGRECORD_MAX_PAGE, readDayWindow, splitByBeijingDay } from './kf-msgrecord';
import type { KfAccount, KfAgentSession, KfInviteStatus, KfMessageRecord, KfSession, KfWaitCase, OnlineKfAccount } from './kf-types';

export type * from './kf-types';

interface WireKf {
  kf_account: string;
  kf_nick?: string;
  kf_id?: string | number;
  kf_headimgurl?: string;
  kf_wx?: string;
  invite_wx?: string;
  invite_expire_time?: number;
  invite_status?: string;
  kf_openid?: string;
}

function kfFromWire(w: WireKf): KfAccount {
  const kf: KfAccount = { account: w.kf_account, nickname: w.kf_nick ?? '', id: String(w.kf_id ?? ''), headImgUrl: w.kf_headimgurl ?? '' };
  if (w.kf_wx) kf.wechatId = w.kf_wx;
  if (w.invite_wx) kf.invite = { wechatId: w.invite_wx, expiresAt: Number(w.invite_expire_time ?? 0), status: (w.invite_status ?? 'waiting') as KfInviteStatus };
  if (w.kf_openid) kf.openid = w.kf_openid;
  return kf;
}

/**
 * Customer-service agents, sessions, the waiting queue and chat records. Mind the prefixes:
 * the two list calls live under /cgi-bin/customservice/, everything else under /customservice/.
 */
export class KfApi {
  constructor(private readonly api: ApiCaller) {}

  /**
   * Adds an agent `prefix@account_wechat_id` (prefix ≤ 10 of [A-Za-z0-9_], nickname ≤ 16 chars, ≤ 100 agents).
   * @see https://developers.weixin.qq.com/doc/subscription/api/customer/servicermanage/api_addkfaccount.html
   */
  async addAccount(kfAccount: string, nickname: string): Promise<void> {
    await this.api.post('/customservice/kfaccount/add', { kf_account: kfAccount, nickname });
  }

  /** @see https://developers.weixin.qq.com/doc/offiaccount/Customer_Service/Customer_Service_Management.html */
  async updateAccount(kfAccount: string, nickname: string): Promise<void> {
    await this.api.post('/customservice/kfaccount/update', { kf_account: kfAccount, nickname });
  }

  /** @see https://developers.weixin.qq.com/doc/offiaccount/Customer_Service/Customer_Service_Management.html */
  async deleteAccount(kfAccount: string): Promise<void> {
    await this.api.get('/customservice/kfaccount/del', { kf_account: kfAccount });
  }

  /**
   * Invites a WeChat user to bind the agent account; it becomes usable when they accept.
   * @see https://developers.weixin.qq.com/doc/service/api/customer/servicermanage/api_invitekfworker.html
   */
  async inviteWorker(kfAccount: string, inviteWechatId: string): Promise<void> {
    await this.api.post('/customservice/kfaccount/inviteworker', { kf_account: kfAccount, invite_wx: inviteWechatId });
  }

  /** @see https://developers.weixin.qq.com/doc/service/api/customer/servicermanage/api_getkflist.html */
  async listAccounts(): Promise<KfAccount[]> {
    const res = await this.api.get<{ kf_list?: WireKf[] }>('/cgi-bin/customservice/getkflist');
    return (res.kf_list ?? []).map(kfFromWire);
  }

  /** @see https://developers.weixin.qq.com/doc/offiaccount/Customer_Service/Customer_Service_Management.html */
  async listOnlineAccounts(): Promise<OnlineKfAccount[]> {
    const res = await this.api.get<{ kf_online_list?: { kf_account: string; status?: number; kf_id?: string | number; accepted_case?: number }[] }>(
      '/cgi-bin/customservice/getonlinekflist',
    );
    return (res.kf_online_list ?? []).map((o) => ({ account: o.kf_account, status: Number(o.status ?? 0), id: String(o.kf_id ?? ''), acceptedCases: Number(o.accepted_case ?? 0) }));
  }

  /**
   * Hands a follower to an agent (who must be bound and online); a no-op if that agent already serves them.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Customer_Service/Session_control.html
   */
  async createSession(kfAccount: string, openid: string): Promise<void> {
    await this.api.post('/customservice/kfsession/create', { kf_account: kfAccount, openid });
  }

  /** @see https://developers.weixin.qq.com/doc/offiaccount/Customer_Service/Session_control.html */
  async closeSession(kfAccount: string, openid: string): Promise<void> {
    await this.api.post('/customservice/kfsession/close', { kf_account: kfAccount, openid });
  }

  /** Who serves the follower now (kfAccount null = nobody). @see https://developers.weixin.qq.com/doc/offiaccount/Customer_Service/Session_control.html */
  async getSession(openid: string): Promise<KfSession> {
    const res = await this.api.get<{ kf_account?: string; createtime?: number }>('/customservice/kfsession/getsession', { openid });
    return { kfAccount: res.kf_account ? res.kf_account : null, createdAt: Number(res.createtime ?? 0) };
  }

  /** @see https://developers.weixin.qq.com/doc/offiaccount/Customer_Service/Session_control.html */
  async listSessions(kfAccount: string): Promise<KfAgentSession[]> {
    const res = await this.api.get<{ sessionlist?: { openid: string; createtime?: number }[] }>('/customservice/kfsession/getsessionlist', { kf_account: kfAccount });
    return (res.sessionlist ?? []).map((s) => ({ openid: s.openid, createdAt: Number(s.createtime ?? 0) }));
  }

  /**
   * Followers waiting for an agent. The official page names the time `latest_time`; some SDK
   * fixtures show `createtime`, accepted as a fallback.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Customer_Service/Session_control.html
   */
  async waitCase(): Promise<KfWaitCase> {
    const res = await this.api.get<{ count?: number; waitcaselist?: { openid: string; latest_time?: number; createtime?: number }[] }>(
      '/customservice/kfsession/getwaitcase',
    );
    const cases = (res.waitcaselist ?? []).map((c) => ({ openid: c.openid, latestTime: Number(c.latest_time ?? c.createtime ?? 0) }));
    return { count: Number(res.count ?? cases.length), cases };
  }

  /**
   * Every chat record between `startTime` and `endTime` (unix seconds, inclusive), however long the
   * window: it is cut into per-day windows and each is paged to its end.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Customer_Service/Obtain_chat_transcript.html
   */
  async msgRecord(startTime: number, endTime: number, options: { pageSize?: number } = {}): Promise<KfMessageRecord[]> {
    const pageSize = Math.min(options.pageSize ?? MSGRECORD_MAX_PAGE, MSGRECORD_MAX_PAGE);
    const records: KfMessageRecord[] = [];
    for (const [from, to] of splitByBeijingDay(startTime, endTime)) records.push(...(await readDayWindow(this.api, from, to, pageSize)));
    return records;
  }
}
