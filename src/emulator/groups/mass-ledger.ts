import type { Context } from 'koa';
import { EmulatorError, type EmulatorAccount } from '../core/contract';
import { beijingDay, beijingMonth } from './publishing-wire';

export type MassStatus = 'SENDING' | 'SEND_SUCCESS' | 'SEND_FAIL' | 'DELETE';

export interface MassRecord {
  msgId: string;
  msgDataId: string | null;
  msgtype: string;
  status: MassStatus;
  createdAt: number;
  /** mpnews: the draft's articles; mpvideo: 1; others: 0 (not deletable). */
  articleCount: number;
  /** mpnews: one permanent link per article (ArticleUrlResult). */
  articleUrls: string[];
  deletedIdx: Set<number>;
}

/** What every mass endpoint checks first: the token, the 60/min window, the account's permission. */
export type MassGate = (ctx: Context) => { account: EmulatorAccount; ledger: MassLedger };

/** §7.1–7.2 numbers. */
export const MINUTE_LIMIT = 60;
export const DEDUP_SECONDS = 24 * 3600;
export const SUBSCRIPTION_SENDS_PER_DAY = 1;
export const SERVICE_TO_ALL_PER_MONTH = 4;
export const SERVICE_API_SENDS_PER_DAY = 100;
export const PER_FOLLOWER_PER_MONTH = 4;
export const TOWXNAME_PER_DAY = 100;
export const MAX_CLIENT_MSG_ID_BYTES = 64;

/**
 * One account's mass-send bookkeeping: the sends, the clientmsgid memory, the minute window and
 * the daily/monthly counters. Days and months are Beijing calendar days and months.
 */
export class MassLedger {
  readonly records = new Map<string, MassRecord>();
  speed = 0;
  private readonly clientMsgIds = new Map<string, { msgId: string; at: number }>();
  private callTimesMs: number[] = [];
  private readonly daily = new Map<string, number>();
  private readonly monthly = new Map<string, number>();
  private followerMonth = { month: '', counts: new Map<string, number>() };

  /** 60 calls in any 60-second window over the mass endpoints; the 61st is 45011 and is not counted. */
  hit(nowMs: number): void {
    this.callTimesMs = this.callTimesMs.filter((t) => nowMs - t < 60_000);
    if (this.callTimesMs.length >= MINUTE_LIMIT) throw new EmulatorError(45011, 'api minute-quota reach limit');
    this.callTimesMs.push(nowMs);
  }

  /** The send that used this clientmsgid in the last 24 hours. */
  duplicateOf(clientMsgId: string, now: number): string | null {
    const seen = this.clientMsgIds.get(clientMsgId);
    return seen && now - seen.at < DEDUP_SECONDS ? seen.msgId : null;
  }

  remember(clientMsgId: string, msgId: string, now: number): void {
    this.clientMsgIds.set(clientMsgId, { msgId, at: now });
  }

  countToday(kind: string, now: number): number {
    return this.daily.get(`${kind}:${beijingDay(now)}`) ?? 0;
  }

  countThisMonth(kind: string, now: number): number {
    return this.monthly.get(`${kind}:${beijingMonth(now)}`) ?? 0;
  }

  add(kind: string, now: number): void {
    const day = `${kind}:${beijingDay(now)}`;
    const month = `${kind}:${beijingMonth(now)}`;
    this.daily.set(day, (this.daily.get(day) ?? 0) + 1);
    this.monthly.set(month, (this.monthly.get(month) ?? 0) + 1);
  }

  /** Mass messages this follower received this calendar month (the service account's 4/month rule). */
  receivedThisMonth(openid: string, now: number): number {
    return this.followerCounts(now).get(openid) ?? 0;
  }

  received(openid: string, now: number): void {
    const counts = this.followerCounts(now);
    counts.set(openid, (counts.get(openid) ?? 0) + 1);
  }

  private followerCounts(now: number): Map<string, number> {
    const month = beijingMonth(now);
    if (this.followerMonth.month !== month) this.followerMonth = { month, counts: new Map() };
    return this.followerMonth.counts;
  }
}
