import type { DatacubeEndpoint } from '../../wechat-api/datacube-windows';
import { ValidationError } from '../../shared/errors';
import { addDays } from '../../shared/zoned-time';

/**
 * What the analytics capability stores: one row per (appId, metric, refDate, key), numbers in
 * camelCase as the datacube client gives them. WeChat's dates are Asia/Shanghai calendar dates
 * ('YYYY-MM-DD') and stay so: a day's figures are WeChat's day, whatever the account's zone.
 */
export const analyticsMetrics = ['userSummary', 'userCumulate', 'articleSummary', 'articleTotal', 'userRead', 'userShare', 'upstreamMsg'] as const;
export type AnalyticsMetric = (typeof analyticsMetrics)[number];

/** The datacube endpoint behind each metric (its maximum span is DATACUBE_MAX_SPAN[endpoint]). */
export const METRIC_ENDPOINT: Record<AnalyticsMetric, DatacubeEndpoint> = {
  userSummary: 'getusersummary',
  userCumulate: 'getusercumulate',
  articleSummary: 'getarticlesummary',
  articleTotal: 'getarticletotal',
  userRead: 'getuserread',
  userShare: 'getusershare',
  upstreamMsg: 'getupstreammsg',
};

/** Figures of one row: counters, and for articles their title (and the date the totals reach). */
export type RowData = Record<string, number | string>;

/** One stored row. `key` tells rows of one day apart: user_source, msgid, share_scene or msg_type ('' when the day has one row). */
export interface AnalyticsRow {
  appId: string;
  metric: AnalyticsMetric;
  refDate: string;
  key: string;
  data: RowData;
}

/**
 * Everything one fetch returned for one (metric, day). WeChat leaves out days without data, so a
 * day is recorded as fetched even with no rows: otherwise an empty day would look like a gap forever.
 */
export interface FetchedDay {
  metric: AnalyticsMetric;
  refDate: string;
  rows: { key: string; data: RowData }[];
}

export interface StoredDayRef {
  metric: AnalyticsMetric;
  refDate: string;
}

export interface BackfillResult {
  /** Datacube HTTP calls made, retries included. */
  calls: number;
  /** Legal windows fetched. */
  windows: number;
  /** (metric, day) pairs written. */
  daysStored: number;
  /** Rows inserted or changed (0 when WeChat's figures were already stored as they are). */
  rowsChanged: number;
  callsByEndpoint: Record<string, number>;
}

export interface Gaps {
  since: string;
  until: string;
  /** (metric, day) pairs never fetched. */
  total: number;
  missing: { metric: AnalyticsMetric; dates: string[]; runs: { since: string; until: string }[] }[];
}

/** Data is kept from 2014-12-01 (protocol doc §9); earlier days cannot be asked for. */
export const FIRST_DATA_DATE = '2014-12-01';
/** The longest range one backfill or report may cover, so a typo cannot start a ten-year pull. */
export const MAX_RANGE_DAYS = 3 * 366;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isDate(value: unknown): value is string {
  return typeof value === 'string' && DATE.test(value) && addDays(value, 0) === value;
}

/** Checks since ≤ until, both real dates, not before 2014-12-01, at most MAX_RANGE_DAYS long. */
export function checkedRange(since: unknown, until: unknown): { since: string; until: string } {
  const problems: { field: string; message: string }[] = [];
  if (!isDate(since)) problems.push({ field: 'since', message: 'must be a date as YYYY-MM-DD' });
  if (!isDate(until)) problems.push({ field: 'until', message: 'must be a date as YYYY-MM-DD' });
  if (problems.length > 0) throw new ValidationError(`since and until must be dates as YYYY-MM-DD (got ${JSON.stringify(since)} .. ${JSON.stringify(until)})`, problems);
  const [s, u] = [since as string, until as string];
  if (u < s) throw new ValidationError(`until ${u} is before since ${s}`, [{ field: 'until', message: 'must not be before since' }]);
  if (s < FIRST_DATA_DATE) throw new ValidationError(`WeChat keeps analytics from ${FIRST_DATA_DATE}; since ${s} is earlier`, [{ field: 'since', message: `must be ${FIRST_DATA_DATE} or later` }]);
  if (daysBetween(s, u) + 1 > MAX_RANGE_DAYS) throw new ValidationError(`the range ${s} .. ${u} is longer than ${MAX_RANGE_DAYS} days`, [{ field: 'until', message: `at most ${MAX_RANGE_DAYS} days after since` }]);
  return { since: s, until: u };
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Every date of [since, until], in order. */
export function datesOf(since: string, until: string): string[] {
  const out: string[] = [];
  for (let d = since; d <= until; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Consecutive runs of sorted dates: ['01','02','04'] → [['01','02'], ['04']]. */
export function runsOf(sortedDates: readonly string[]): { since: string; until: string }[] {
  const runs: { since: string; until: string }[] = [];
  for (const date of sortedDates) {
    const last = runs[runs.length - 1];
    if (last && addDays(last.until, 1) === date) last.until = date;
    else runs.push({ since: date, until: date });
  }
  return runs;
}
