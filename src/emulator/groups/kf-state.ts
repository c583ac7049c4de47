/**
 * Per-account customer-service state: agents, who serves whom, the waiting queue and the chat
 * records msgrecord/getmsglist pages through. Kept in WeChat's own terms (snake_case lives here).
 */
export interface KfInvite {
  wx: string;
  expiresAt: number;
  status: 'waiting' | 'rejected';
}

export interface KfAgent {
  account: string;
  nickname: string;
  id: number;
  /** The WeChat ID bound once an invitation was accepted. */
  wx: string | null;
  openid: string | null;
  invite: KfInvite | null;
  /** 0 offline, 1 online (web); set through the control API, as an agent logging in would. */
  status: 0 | 1;
}

export interface KfSessionRecord {
  kfAccount: string;
  createdAt: number;
}

export interface KfRecord {
  id: number;
  openid: string;
  opercode: number;
  text: string;
  time: number;
  worker: string;
}

export interface AccountKf {
  agents: Map<string, KfAgent>;
  /** openid → the agent serving them. */
  sessions: Map<string, KfSessionRecord>;
  /** openid → latest_time. */
  waiting: Map<string, number>;
  records: KfRecord[];
  nextRecordId: number;
  nextAgentId: number;
}

/** Agents per account (the protocol doc's current limit; old docs said 10). */
export const MAX_AGENTS = 100;
/** How many accounts one WeChat user may serve as an agent (65410). */
export const MAX_ACCOUNTS_PER_WORKER = 5;
/** How long an invitation stays open: an assumption (WeChat shows invite_expire_time, not the period). */
export const INVITE_SECONDS = 7 * 86_400;

export class KfBook {
  private readonly byAccount = new Map<string, AccountKf>();

  forget(appId: string): void {
    this.byAccount.delete(appId);
  }

  of(appId: string): AccountKf {
    let state = this.byAccount.get(appId);
    if (!state) {
      state = { agents: new Map(), sessions: new Map(), waiting: new Map(), records: [], nextRecordId: 1, nextAgentId: 1001 };
      this.byAccount.set(appId, state);
    }
    return state;
  }

  /** Agents bound to this WeChat user across every emulated account. */
  boundAccountsOf(wx: string): number {
    let n = 0;
    for (const state of this.byAccount.values()) for (const a of state.agents.values()) if (a.wx === wx) n++;
    return n;
  }

  record(appId: string, entry: Omit<KfRecord, 'id'>): void {
    const state = this.of(appId);
    state.records.push({ id: state.nextRecordId++, ...entry });
  }
}

export const inviteStatus = (invite: KfInvite, now: number): 'waiting' | 'rejected' | 'expired' =>
  invite.status === 'waiting' && now >= invite.expiresAt ? 'expired' : invite.status;
