import type { ApiCaller } from './caller';
import { collect, inChunks, openidPages, openidsOf, type OpenidPage, type RawOpenidPage } from './users-paging';

/** Languages user/info answers in (protocol doc §8). */
export type UserLang = 'zh_CN' | 'zh_TW' | 'en';

/** A user as the account sees them. Only `subscribed` and `openid` (and `unionid`) are set for non-followers. */
export interface UserInfo {
  subscribed: boolean;
  openid: string;
  unionid?: string;
  /** Unix seconds of the last follow (a re-follow resets it). */
  subscribeTime?: number;
  language?: string;
  remark?: string;
  /** Legacy group id, kept by WeChat for compatibility. */
  groupId?: number;
  /** In the order the tags were applied. */
  tagIds?: number[];
  /** WeChat's subscribe_scene, e.g. ADD_SCENE_QR_CODE. */
  subscribeScene?: string;
  qrScene?: number;
  qrSceneStr?: string;
}

/** The wire shape of one user-info object. */
interface RawUserInfo {
  subscribe: number;
  openid: string;
  unionid?: string;
  subscribe_time?: number;
  language?: string;
  remark?: string;
  groupid?: number;
  tagid_list?: number[];
  subscribe_scene?: string;
  qr_scene?: number;
  qr_scene_str?: string;
}

/** batchget takes at most 100 users per call (protocol doc §8). */
export const USER_BATCH_SIZE = 100;

/** User management: profile, batch profile, the follower list and remarks. */
export class UsersApi {
  constructor(private readonly caller: ApiCaller) {}

  /** https://developers.weixin.qq.com/doc/service/api/usermanage/userinfo/api_userinfo.html */
  async info(openid: string, lang: UserLang = 'zh_CN'): Promise<UserInfo> {
    return toUserInfo(await this.caller.get<RawUserInfo>('/cgi-bin/user/info', { openid, lang }));
  }

  /**
   * One call per 100 openids, made one after another; the result follows the input order.
   * https://developers.weixin.qq.com/doc/service/api/usermanage/userinfo/api_batchuserinfo.html
   */
  async batchGet(openids: readonly string[], lang: UserLang = 'zh_CN'): Promise<UserInfo[]> {
    const users: UserInfo[] = [];
    for (const chunk of inChunks(openids, USER_BATCH_SIZE)) {
      const body = { user_list: chunk.map((openid) => ({ openid, lang })) };
      const res = await this.caller.post<{ user_info_list?: RawUserInfo[] }>('/cgi-bin/user/info/batchget', body);
      const byOpenid = new Map((res.user_info_list ?? []).map((raw) => [raw.openid, toUserInfo(raw)]));
      for (const openid of chunk) {
        const user = byOpenid.get(openid);
        if (user) users.push(user);
      }
    }
    return users;
  }

  /**
   * The follower list a page (≤ 10 000 openids) at a time, from `nextOpenid` or the start.
   * https://developers.weixin.qq.com/doc/offiaccount/User_Management/Getting_a_User_List.html
   */
  followerPages(nextOpenid?: string): AsyncGenerator<OpenidPage, void, undefined> {
    return openidPages((cursor) => this.caller.get<RawOpenidPage>('/cgi-bin/user/get', { next_openid: cursor }), nextOpenid);
  }

  /** Every follower's openid, streamed page by page (see followerPages). */
  listFollowers(nextOpenid?: string): AsyncGenerator<string, void, undefined> {
    return openidsOf(this.followerPages(nextOpenid));
  }

  /** Every follower's openid at once; for large accounts prefer listFollowers. */
  allFollowers(): Promise<string[]> {
    return collect(this.listFollowers());
  }

  /**
   * The operator's remark on a follower; WeChat wants it shorter than 30 characters.
   * https://developers.weixin.qq.com/doc/offiaccount/User_Management/Configuring_user_notes.html
   */
  async updateRemark(openid: string, remark: string): Promise<void> {
    await this.caller.post('/cgi-bin/user/info/updateremark', { openid, remark });
  }
}

function toUserInfo(raw: RawUserInfo): UserInfo {
  const user: UserInfo = { subscribed: raw.subscribe === 1, openid: raw.openid };
  if (raw.unionid !== undefined) user.unionid = raw.unionid;
  if (!user.subscribed) return user;
  if (raw.subscribe_time !== undefined) user.subscribeTime = raw.subscribe_time;
  if (raw.language !== undefined) user.language = raw.language;
  if (raw.remark !== undefined) user.remark = raw.remark;
  if (raw.groupid !== undefined) user.groupId = raw.groupid;
  user.tagIds = raw.tagid_list ?? [];
  if (raw.subscribe_scene !== undefined) user.subscribeScene = raw.subscribe_scene;
  if (raw.qr_scene !== undefined) user.qrScene = raw.qr_scene;
  if (raw.qr_scene_str !== undefined) user.qrSceneStr = raw.qr_scene_str;
  return user;
}
