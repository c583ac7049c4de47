import type { Clock } from '../shared/clock';
import { ValidationError } from '../shared/errors';

/**
 * The longest range (inclusive days) each datacube endpoint accepts, exactly as protocol doc §9
 * lists them (from WxJava WxMpDataCubeService). A longer range answers 61501.
 */
export const DATACUBE_MAX_SPAN = {
  getusersummary: 7,
  getusercumulate: 7,
  getarticlesummary: 1,
  getarticletotal: 1,
  getuserread: 3,
  getuserreadhour: 1,
  getusershare: 7,
  getusersharehour: 1,
  getupstreammsg: 7,
  getupstreammsghour: 1,
  getupstreammsgweek: 30,
  getupstreammsgmonth: 30,
  getupstreammsgdist: 15,
  getupstreammsgdistweek: 30,
  getupstreammsgdistmonth: 30,
  getinterfacesummary: 30,
  getinterfacesummaryhour: 1,
} as const;

export type DatacubeEndpoint = keyof typeof DATACUBE_MAX_SPAN;

/** An inclusive range of WeChat dates ('YYYY-MM-DD'). */
export interface DateWindow {
  beginDate: string;
  endDate: string;
}

const DAY_MS = 86_400_000;
/** Asia/Shanghai is UTC+8 all year (no DST since 1991), so a fixed offset is exact. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date, or null when it is not a real calendar date. */
export function dayNumber(date: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / DAY_MS;
}

export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Yesterday in Asia/Shanghai: datacube's latest permitted end_date, whatever the server's zone. */
export function shanghaiYesterday(clock: Clock): string {
  return dateOfDay(Math.floor((clock.now().getTime() + SHANGHAI_OFFSET_MS) / DAY_MS) - 1);
}

/**
 * Checks a requested range before any call: both dates real 'YYYY-MM-DD', begin ≤ end, and end
 * no later than yesterday (Asia/Shanghai), since WeChat answers 61500/61501 otherwise.
 */
export function checkRange(beginDate: string, endDate: string, clock: Clock): { begin: number; end: number } {
  const begin = dayNumber(beginDate);
  const end = dayNumber(endDate);
  if (begin === null || end === null) {
    throw new ValidationError(`datacube dates must be real dates as YYYY-MM-DD (got ${JSON.stringify(beginDate)} .. ${JSON.stringify(endDate)})`, { beginDate, endDate });
  }
  if (end < begin) throw new ValidationError(`datacube end date ${endDate} is before begin date ${beginDate}`, { beginDate, endDate });
  const yesterday = shanghaiYesterday(clock);
  if (endDate > yesterday) {
    throw new ValidationError(`datacube end date ${endDate} is later than yesterday (${yesterday}, Asia/Shanghai); WeChat has no data for it yet`, { beginDate, endDate, latest: yesterday });
  }
  return { begin, end };
}

/** Cuts [begin, end] into consecutive windows of at most `maxDays` days, in order. */
export function splitIntoWindows(beginDate: string, endDate: string, maxDays: number, clock: Clock): DateWindow[] {
  const { begin, end } = checkRange(beginDate, endDate, clock);
  const windows: DateWindow[] = [];
  for (let from = begin; from <= end; from += maxDays) {
    windows.push({ beginDate: dateOfDay(from), endDate: dateOfDay(Math.min(from + maxDays - 1, end)) });
  }
  return windows;
}
