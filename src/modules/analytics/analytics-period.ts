import { ValidationError } from '../../shared/errors';
import { addDays } from '../../shared/zoned-time';
import { isDate } from './analytics';
import type { ArticleReport, FollowerGrowth, MessageReport } from './analytics-reports';

/** A weekly or monthly report: the three reports over the period, with totals, and what is missing. */
export interface PeriodReport {
  appId: string;
  period: { kind: 'week' | 'month'; label: string; since: string; until: string };
  /** False when some day of the period (up to yesterday) was never fetched: the figures then undercount. */
  complete: boolean;
  missing: { metric: string; dates: string[] }[];
  followers: FollowerGrowth;
  articles: ArticleReport;
  messages: MessageReport;
}

/** Seven days from `week` (any date; the operator chooses Monday or Sunday). */
export function weekRange(week: unknown): { label: string; since: string; until: string } {
  if (!isDate(week)) throw new ValidationError(`week must be the period's first day as YYYY-MM-DD (got ${JSON.stringify(week)})`, [{ field: 'week', message: 'must be a date as YYYY-MM-DD' }]);
  return { label: week, since: week, until: addDays(week, 6) };
}

/** The calendar month 'YYYY-MM'. */
export function monthRange(month: unknown): { label: string; since: string; until: string } {
  const ok = typeof month === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  if (!ok) throw new ValidationError(`month must be YYYY-MM (got ${JSON.stringify(month)})`, [{ field: 'month', message: 'must be YYYY-MM' }]);
  const since = `${month}-01`;
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { label: month, since, until: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) };
}
