import { EmulatorError } from '../core/contract';

/**
 * Datacube days. A day is a number: days since 1970-01-01 of a calendar date in Asia/Shanghai,
 * the zone WeChat's dates are in. Shanghai is UTC+8 all year (no DST since 1991), so a fixed
 * offset is exact and needs no time-zone database.
 */
const DAY_SECONDS = 86_400;
const SHANGHAI_OFFSET_SECONDS = 8 * 3_600;

/** Data is kept from 2014-12-01 (§9); earlier days have none. */
export const FIRST_DATA_DAY = Date.UTC(2014, 11, 1) / 86_400_000;

/** Maximum span (inclusive days) per endpoint, as §9 lists them. */
export const MAX_SPAN: Record<string, number> = {
  getusersummary: 7, getusercumulate: 7,
  getarticlesummary: 1, getarticletotal: 1, getuserread: 3, getuserreadhour: 1, getusershare: 7, getusersharehour: 1,
  getupstreammsg: 7, getupstreammsghour: 1, getupstreammsgweek: 30, getupstreammsgmonth: 30,
  getupstreammsgdist: 15, getupstreammsgdistweek: 30, getupstreammsgdistmonth: 30,
  getinterfacesummary: 30, getinterfacesummaryhour: 1,
};

export const dayOf = (unixSeconds: number): number => Math.floor((unixSeconds + SHANGHAI_OFFSET_SECONDS) / DAY_SECONDS);
export const hourOf = (unixSeconds: number): number => Math.floor((unixSeconds + SHANGHAI_OFFSET_SECONDS) / 3_600) % 24;
export const formatDay = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);

/** The Monday of the day's week. 1970-01-01 was a Thursday. */
export const weekOf = (day: number): number => day - ((day + 3) % 7);

/** The first day of the day's month. */
export function monthOf(day: number): number {
  const d = new Date(day * 86_400_000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 86_400_000;
}

/** A strict 'yyyy-MM-dd' that names a real date, or null. */
export function parseDay(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? ms / 86_400_000 : null;
}

/**
 * The range rules of §9: 61500 when a date is missing or not yyyy-MM-dd; 61501 when the end is
 * before the begin, the span exceeds the endpoint's maximum, or the end is later than yesterday
 * (Asia/Shanghai) — the doc's "date range error" covers them all.
 */
export function checkedRange(body: Record<string, unknown>, maxSpan: number, nowSeconds: number): { begin: number; end: number } {
  const begin = parseDay(body.begin_date);
  const end = parseDay(body.end_date);
  if (begin === null || end === null) throw new EmulatorError(61500, 'date format error');
  if (end < begin) throw new EmulatorError(61501, 'date range error, end_date is earlier than begin_date');
  if (end - begin + 1 > maxSpan) throw new EmulatorError(61501, `date range error, the span may not exceed ${maxSpan} days`);
  if (end > dayOf(nowSeconds) - 1) throw new EmulatorError(61501, 'date range error, end_date may be yesterday at the latest');
  return { begin, end };
}

/** Every day of [begin, end] on which data can exist. */
export function daysOf(begin: number, end: number): number[] {
  const days: number[] = [];
  for (let day = Math.max(begin, FIRST_DATA_DAY); day <= end; day++) days.push(day);
  return days;
}
