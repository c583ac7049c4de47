import type { DatacubeApi } from '../../wechat-api/datacube';
import type { AnalyticsMetric, AnalyticsRow, FetchedDay, StoredDayRef } from './analytics';

/** Datacube rows (a table in SQLite). Writes are upserts: storing a day twice changes nothing. */
export interface AnalyticsRepository {
  /**
   * Stores fetched days in one transaction: upserts each row on (appId, metric, refDate, key),
   * removes rows of those days that the new fetch no longer has, and records each day as fetched.
   * Returns how many rows were inserted or changed.
   */
  saveDays(appId: string, days: readonly FetchedDay[], fetchedAt: string): Promise<{ changed: number }>;
  /** Rows of one metric with refDate in [since, until], by date then key. */
  rows(appId: string, metric: AnalyticsMetric, since: string, until: string): Promise<AnalyticsRow[]>;
  /** Which (metric, day) pairs in [since, until] have been fetched (with or without rows). */
  storedDays(appId: string, since: string, until: string): Promise<StoredDayRef[]>;
}

/** The datacube calls this capability makes (src/wechat-api/datacube.ts). */
export type DatacubeReader = Pick<DatacubeApi, 'userSummary' | 'userCumulate' | 'articleSummary' | 'articleTotal' | 'userRead' | 'userShare' | 'upstreamMsg'>;

/** WeChatApiClients fits (with isTransient added): null when the account is unknown or has no AppSecret. */
export interface AnalyticsPlatform {
  forAccount(appId: string): Promise<{ datacube: DatacubeReader } | null>;
  /** Whether a failed call may succeed if tried again (busy, minute quota, network, timeout). */
  isTransient(err: unknown): boolean;
}

/** AccountService fits: list() for the daily job, get() throws NotFoundError for an unknown account. */
export interface AnalyticsAccounts {
  list(): Promise<{ appId: string; timeZone: string; hasAppSecret: boolean }[]>;
  get(appId: string): Promise<{ appId: string; timeZone: string; hasAppSecret: boolean }>;
}
