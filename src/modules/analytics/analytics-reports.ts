import { datesOf, type AnalyticsRow } from './analytics';

/**
 * The reports, as pure arithmetic over stored rows. A day without rows counts zero (WeChat leaves
 * out empty days); the service says separately which days were never fetched.
 */

const num = (row: AnalyticsRow | undefined, field: string): number => Number(row?.data[field] ?? 0) || 0;
const sumOf = (rows: readonly AnalyticsRow[], field: string): number => rows.reduce((n, r) => n + num(r, field), 0);

function byDate(rows: readonly AnalyticsRow[]): Map<string, AnalyticsRow[]> {
  const map = new Map<string, AnalyticsRow[]>();
  for (const r of rows) map.set(r.refDate, [...(map.get(r.refDate) ?? []), r]);
  return map;
}

export interface FollowerDay {
  date: string;
  new: number;
  cancelled: number;
  net: number;
  /** Followers at the end of the day; null when getusercumulate has no row for it. */
  cumulative: number | null;
  /** New follows per user_source (0 other, 1 search, 17 card share, 30 QR code, …). */
  bySource: Record<string, number>;
}

export interface FollowerGrowth {
  since: string;
  until: string;
  perDay: FollowerDay[];
  totals: { new: number; cancelled: number; net: number; cumulativeAtEnd: number | null; bySource: Record<string, number> };
}

/** getusercumulate has one row a day; should WeChat add user_source, the total is the '' or '0' row, else the sum. */
function cumulativeOf(rows: readonly AnalyticsRow[] | undefined): number | null {
  if (!rows || rows.length === 0) return null;
  const total = rows.find((r) => r.key === '') ?? rows.find((r) => r.key === '0');
  return total ? num(total, 'cumulateUser') : sumOf(rows, 'cumulateUser');
}

export function followerGrowth(since: string, until: string, summary: readonly AnalyticsRow[], cumulate: readonly AnalyticsRow[]): FollowerGrowth {
  const summaryByDate = byDate(summary);
  const cumulateByDate = byDate(cumulate);
  const totals = { new: 0, cancelled: 0, net: 0, cumulativeAtEnd: null as number | null, bySource: {} as Record<string, number> };
  const perDay = datesOf(since, until).map((date): FollowerDay => {
    const rows = summaryByDate.get(date) ?? [];
    const bySource: Record<string, number> = {};
    for (const r of rows) if (num(r, 'newUser') > 0) bySource[r.key] = (bySource[r.key] ?? 0) + num(r, 'newUser');
    const day = { date, new: sumOf(rows, 'newUser'), cancelled: sumOf(rows, 'cancelUser'), net: 0, cumulative: cumulativeOf(cumulateByDate.get(date)), bySource };
    day.net = day.new - day.cancelled;
    totals.new += day.new;
    totals.cancelled += day.cancelled;
    for (const [source, n] of Object.entries(bySource)) totals.bySource[source] = (totals.bySource[source] ?? 0) + n;
    if (day.cumulative !== null) totals.cumulativeAtEnd = day.cumulative;
    return day;
  });
  totals.net = totals.new - totals.cancelled;
  return { since, until, perDay, totals };
}

export interface ArticleDay {
  date: string;
  /** Reads of articles (int_page_read_count) and readers (int_page_read_user), all articles together. */
  reads: number;
  readers: number;
  shares: number;
  favourites: number;
  /** Shares per scene from getusershare (1 friend, 2 Moments, 255 other). */
  sharesByScene: Record<string, number>;
}

export interface ArticlePerformance {
  msgId: string;
  title: string;
  sentOn: string;
  reads: number;
  readers: number;
  shares: number;
  favourites: number;
  /** The last day the figures include: getarticletotal's latest stat_date, or the send day when only getarticlesummary is stored. */
  asOf: string;
}

export interface ArticleReport {
  since: string;
  until: string;
  perDay: ArticleDay[];
  perArticle: ArticlePerformance[];
  totals: { articles: number; reads: number; shares: number; favourites: number };
}

export function articleReport(since: string, until: string, rows: { read: readonly AnalyticsRow[]; share: readonly AnalyticsRow[]; summary: readonly AnalyticsRow[]; total: readonly AnalyticsRow[] }): ArticleReport {
  const readByDate = byDate(rows.read);
  const shareByDate = byDate(rows.share);
  const perDay = datesOf(since, until).map((date): ArticleDay => {
    const read = readByDate.get(date) ?? [];
    const sharesByScene: Record<string, number> = {};
    for (const r of shareByDate.get(date) ?? []) sharesByScene[r.key] = (sharesByScene[r.key] ?? 0) + num(r, 'shareCount');
    return { date, reads: sumOf(read, 'intPageReadCount'), readers: sumOf(read, 'intPageReadUser'), shares: sumOf(read, 'shareCount'), favourites: sumOf(read, 'addToFavCount'), sharesByScene };
  });
  const totalById = new Map(rows.total.map((r) => [r.key, r]));
  const sendDay = new Map(rows.summary.map((r) => [r.key, r]));
  for (const r of rows.total) if (!sendDay.has(r.key)) sendDay.set(r.key, r);
  const perArticle = [...sendDay.values()].map((sent): ArticlePerformance => {
    const total = totalById.get(sent.key);
    const figures = total && total.data.statDate !== undefined ? total : sent;
    return {
      msgId: sent.key, title: String(sent.data.title ?? ''), sentOn: sent.refDate,
      reads: num(figures, 'intPageReadCount'), readers: num(figures, 'intPageReadUser'), shares: num(figures, 'shareCount'), favourites: num(figures, 'addToFavCount'),
      asOf: figures === total ? String(total.data.statDate) : sent.refDate,
    };
  }).sort((a, b) => a.sentOn.localeCompare(b.sentOn) || a.msgId.localeCompare(b.msgId));
  const add = (field: 'reads' | 'shares' | 'favourites') => perDay.reduce((n, d) => n + d[field], 0);
  return { since, until, perDay, perArticle, totals: { articles: perArticle.length, reads: add('reads'), shares: add('shares'), favourites: add('favourites') } };
}

/** msg_type of getupstreammsg (protocol doc §9). */
export const MESSAGE_TYPES: Record<string, string> = { 1: 'text', 2: 'image', 3: 'voice', 4: 'video', 6: 'link' };
const typeName = (key: string) => MESSAGE_TYPES[key] ?? `type${key}`;

export interface MessageDay {
  date: string;
  messages: number;
  /** Messages and senders per type name (text, image, voice, video, link). */
  byType: Record<string, { messages: number; senders: number }>;
}

export interface MessageReport {
  since: string;
  until: string;
  perDay: MessageDay[];
  totals: { messages: number; byType: Record<string, number> };
}

export function messageReport(since: string, until: string, rows: readonly AnalyticsRow[]): MessageReport {
  const rowsByDate = byDate(rows);
  const totals = { messages: 0, byType: {} as Record<string, number> };
  const perDay = datesOf(since, until).map((date): MessageDay => {
    const byType: MessageDay['byType'] = {};
    for (const r of rowsByDate.get(date) ?? []) {
      const name = typeName(r.key);
      byType[name] = { messages: num(r, 'msgCount'), senders: num(r, 'msgUser') };
      totals.byType[name] = (totals.byType[name] ?? 0) + num(r, 'msgCount');
    }
    const messages = Object.values(byType).reduce((n, t) => n + t.messages, 0);
    totals.messages += messages;
    return { date, messages, byType };
  });
  return { since, until, perDay, totals };
}
