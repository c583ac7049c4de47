import type { PeriodReport } from './analytics-period';
import type { ArticleReport, FollowerGrowth, MessageReport } from './analytics-reports';
import { toCsv, type CsvCell as Cell } from '../../shared/csv';


const numericKeys = (records: readonly Record<string, unknown>[]): string[] =>
  [...new Set(records.flatMap((r) => Object.keys(r)))].sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));

export function followersCsv(r: FollowerGrowth): string {
  const sources = numericKeys([r.totals.bySource]);
  const rows: Cell[][] = r.perDay.map((d) => [d.date, d.new, d.cancelled, d.net, d.cumulative, ...sources.map((s) => d.bySource[s] ?? 0)]);
  rows.push(['total', r.totals.new, r.totals.cancelled, r.totals.net, r.totals.cumulativeAtEnd, ...sources.map((s) => r.totals.bySource[s] ?? 0)]);
  return toCsv(['date', 'new', 'cancelled', 'net', 'cumulative', ...sources.map((s) => `source_${s}`)], rows);
}

/** Day rows (all articles together) then one row per article (dated by its send day). */
export function articlesCsv(r: ArticleReport): string {
  const rows: Cell[][] = [
    ...r.perDay.map((d): Cell[] => ['day', d.date, '', '', d.reads, d.readers, d.shares, d.favourites, d.date]),
    ...r.perArticle.map((a): Cell[] => ['article', a.sentOn, a.msgId, a.title, a.reads, a.readers, a.shares, a.favourites, a.asOf]),
  ];
  rows.push(['total', '', '', '', r.totals.reads, null, r.totals.shares, r.totals.favourites, '']);
  return toCsv(['scope', 'date', 'msgId', 'title', 'reads', 'readers', 'shares', 'favourites', 'asOf'], rows);
}

export function messagesCsv(r: MessageReport): string {
  const types = Object.keys(r.totals.byType).sort();
  const rows: Cell[][] = r.perDay.map((d) => [d.date, d.messages, ...types.map((t) => d.byType[t]?.messages ?? 0)]);
  rows.push(['total', r.totals.messages, ...types.map((t) => r.totals.byType[t] ?? 0)]);
  return toCsv(['date', 'messages', ...types], rows);
}

/** One row per day of the period, then the totals. */
export function periodCsv(p: PeriodReport): string {
  const rows: Cell[][] = p.followers.perDay.map((f, i) => {
    const a = p.articles.perDay[i];
    return [f.date, f.new, f.cancelled, f.net, f.cumulative, a?.reads ?? 0, a?.readers ?? 0, a?.shares ?? 0, a?.favourites ?? 0, p.messages.perDay[i]?.messages ?? 0];
  });
  const { followers: ft, articles: at, messages: mt } = { followers: p.followers.totals, articles: p.articles.totals, messages: p.messages.totals };
  rows.push(['total', ft.new, ft.cancelled, ft.net, ft.cumulativeAtEnd, at.reads, null, at.shares, at.favourites, mt.messages]);
  return toCsv(['date', 'newFollowers', 'cancelledFollowers', 'netFollowers', 'cumulativeFollowers', 'reads', 'readers', 'shares', 'favourites', 'messages'], rows);
}
