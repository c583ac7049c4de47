/** Customer-service agents (客服帐号), sessions and records in the domain's words (times are unix seconds). */

export type KfInviteStatus = 'waiting' | 'rejected' | 'expired';

export interface KfAccount {
  /** `prefix@account_wechat_id`. */
  account: string;
  nickname: string;
  id: string;
  headImgUrl: string;
  /** The WeChat ID bound to the agent, once an invitation was accepted. */
  wechatId?: string;
  /** A pending or failed invitation. */
  invite?: { wechatId: string; expiresAt: number; status: KfInviteStatus };
  openid?: string;
}

export interface OnlineKfAccount {
  account: string;
  /** 1 = online on the web client (the new platform's only value; legacy 2/3 meant phone / both). */
  status: number;
  id: string;
  /** Sessions the agent is serving now. */
  acceptedCases: number;
}

export interface KfSession {
  /** null when nobody is serving the follower. */
  kfAccount: string | null;
  createdAt: number;
}

export interface KfAgentSession {
  openid: string;
  createdAt: number;
}

export interface KfWaitCase {
  /** Total waiting, which can exceed the listed cases (WeChat lists at most 100). */
  count: number;
  cases: { openid: string; latestTime: number }[];
}

export interface KfMessageRecord {
  openid: string;
  /** 2002 = the agent sent, 2003 = the agent received (others exist, not all documented). */
  operCode: number;
  text: string;
  time: number;
  /** The agent's kf_account. */
  worker: string;
}
