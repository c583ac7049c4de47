import type { ArticleSummaryRow, ArticleTotalRow, ReadCounters, UpstreamMsgRow, UserCumulateRow, UserReadRow, UserShareRow, UserSummaryRow } from '../../wechat-api/datacube-types';
import { datesOf, type AnalyticsMetric, type FetchedDay, type RowData } from './analytics';
import type { DatacubeReader } from './analytics.ports';

/** A datacube row reduced to what is stored: its day, its key within the day, its figures. */
interface KeyedRow {
  refDate: string;
  key: string;
  data: RowData;
}

const counters = (r: ReadCounters): RowData => ({
  intPageReadUser: r.intPageReadUser, intPageReadCount: r.intPageReadCount,
  oriPageReadUser: r.oriPageReadUser, oriPageReadCount: r.oriPageReadCount,
  shareUser: r.shareUser, shareCount: r.shareCount,
  addToFavUser: r.addToFavUser, addToFavCount: r.addToFavCount,
});

const optionalKey = (n: number | undefined) => (n === undefined || n === null ? '' : String(n));

/** getarticletotal's details are cumulative: the last one is the article's total so far. */
function articleTotal(r: ArticleTotalRow): KeyedRow {
  const last = r.details[r.details.length - 1];
  const totals = last ? { ...counters(last), statDate: last.statDate, targetUser: last.targetUser } : {};
  return { refDate: r.refDate, key: r.msgId, data: { title: r.title, days: r.details.length, ...totals } };
}

/** One call of the metric's endpoint for [begin, end] (the caller keeps it within the endpoint's span). */
export async function fetchRows(api: DatacubeReader, metric: AnalyticsMetric, begin: string, end: string): Promise<KeyedRow[]> {
  switch (metric) {
    case 'userSummary':
      return (await api.userSummary(begin, end)).map((r: UserSummaryRow) => ({ refDate: r.refDate, key: String(r.userSource), data: { newUser: r.newUser, cancelUser: r.cancelUser } }));
    case 'userCumulate':
      return (await api.userCumulate(begin, end)).map((r: UserCumulateRow) => ({ refDate: r.refDate, key: optionalKey(r.userSource), data: { cumulateUser: r.cumulateUser } }));
    case 'articleSummary':
      return (await api.articleSummary(begin, end)).map((r: ArticleSummaryRow) => ({ refDate: r.refDate, key: r.msgId, data: { title: r.title, ...counters(r) } }));
    case 'articleTotal':
      return (await api.articleTotal(begin, end)).map(articleTotal);
    case 'userRead':
      return (await api.userRead(begin, end)).map((r: UserReadRow) => ({ refDate: r.refDate, key: optionalKey(r.userSource), data: counters(r) }));
    case 'userShare':
      return (await api.userShare(begin, end)).map((r: UserShareRow) => ({ refDate: r.refDate, key: String(r.shareScene), data: { shareCount: r.shareCount, shareUser: r.shareUser } }));
    case 'upstreamMsg':
      return (await api.upstreamMsg(begin, end)).map((r: UpstreamMsgRow) => ({ refDate: r.refDate, key: String(r.msgType), data: { msgUser: r.msgUser, msgCount: r.msgCount } }));
  }
}

/**
 * Rows of one window grouped per day, with every day of the window present (empty when WeChat
 * had nothing), so each day is recorded as fetched. Rows outside the window are dropped.
 */
export function groupByDay(metric: AnalyticsMetric, begin: string, end: string, rows: readonly KeyedRow[]): FetchedDay[] {
  const days = new Map<string, Map<string, RowData>>(datesOf(begin, end).map((d) => [d, new Map()]));
  for (const row of rows) days.get(row.refDate)?.set(row.key, row.data);
  return [...days.entries()].map(([refDate, byKey]) => ({ metric, refDate, rows: [...byKey.entries()].map(([key, data]) => ({ key, data })) }));
}
