import type { MassApi } from '../../wechat-api/mass';
import type { Campaign, CampaignResults, CampaignState } from './broadcast';

export interface CampaignQuery {
  appId: string;
  /** Due (or created, when never scheduled) in [since, until), ISO instants. */
  since?: string;
  until?: string;
  state?: CampaignState;
}

/** Campaigns (a table in SQLite, a collection in MongoDB). */
export interface CampaignRepository {
  insert(campaign: Campaign): Promise<void>;
  get(id: string): Promise<Campaign | null>;
  list(query: CampaignQuery): Promise<Campaign[]>;
  /**
   * Compare-and-set: applies `patch` only while the campaign is still in state `from` (and, when
   * given, its lease ended before `leaseExpiredBefore`). True when this call changed it. Two workers
   * racing for one send: exactly one gets true.
   */
  transition(id: string, from: CampaignState, patch: Partial<Campaign>, leaseExpiredBefore?: string): Promise<boolean>;
  /** Campaigns in `scheduled` due by `now`, and `sending` ones whose lease ended by `now` (a worker died). */
  due(now: string, limit: number): Promise<Campaign[]>;
  /** The earliest instant something becomes due (a scheduled dueAt or a sending lease), null when nothing waits. */
  nextWakeAt(): Promise<string | null>;
  /** The campaign WeChat knows by this msg_id (MASSSENDJOBFINISH carries only that). */
  findByMsgId(appId: string, msgId: string): Promise<Campaign | null>;
  /** Sends that count against a quota: to-all or to-tag campaigns of the account scheduled, sending or sent with dueAt in [since, until). */
  countQuotaSends(appId: string, since: string, until: string, excludeId: string): Promise<number>;
  /** Newest sentAt of the account's sent campaigns, null when none. */
  lastSentAt(appId: string): Promise<string | null>;
  saveResults(id: string, results: CampaignResults, state: CampaignState, reason: string | null): Promise<void>;
}

/** The calls to WeChat this capability makes (src/wechat-api/mass.ts). */
export type MassSendApi = Pick<MassApi, 'sendAll' | 'send' | 'preview' | 'get'>;

/** WeChatApiClients fits: null when the account is unknown or has no AppSecret. */
export interface BroadcastPlatform {
  forAccount(appId: string): Promise<{ mass: MassSendApi } | null>;
  /** Whether a failed call may succeed if tried again (busy, minute quota, network, timeout). */
  isTransient(err: unknown): boolean;
}

/** The account's own slots and cadence marks (accounts' PushSchedule). */
export interface PushMarks {
  slots: readonly string[];
  warnAfterDays: number;
  alertAfterDays: number;
}

/** AccountService fits: throws NotFoundError for an unknown account. */
export interface BroadcastAccounts {
  get(appId: string): Promise<{ appId: string; type: 'subscription' | 'service'; timeZone: string; pushSchedule: PushMarks }>;
}
