import type { TimeWindow } from './auto-reply';
import { zonedParts } from '../../shared/zoned-time';

/**
 * Active windows are read in the account's time zone (default Asia/Shanghai), never the server's:
 * an "off-hours" rule of a Shanghai account must not shift when the server runs in UTC.
 *
 * Semantics, quoted by the admin API docs:
 * - `start` is inclusive and `end` exclusive, both 'HH:MM' (00:00–23:59);
 * - `end` before `start` wraps past midnight ('22:00'–'08:00' is the night), and `days` then names
 *   the day the window STARTS: { days: [5], 22:00–02:00 } covers Friday 22:00 to Saturday 02:00;
 * - `start` equal to `end` is the whole day;
 * - `days`: 0 = Sunday … 6 = Saturday; absent or empty = every day;
 * - a rule with no windows is always active; with several, it is active when any one contains now.
 */

export interface ZonedMinute {
  /** 0 = Sunday … 6 = Saturday, in the zone. */
  weekday: number;
  /** Minutes since midnight, in the zone. */
  minute: number;
}

// The last answer per zone: consecutive messages nearly always fall in the same minute.
const lastByZone = new Map<string, { epochMinute: number; at: ZonedMinute }>();

/** The weekday and minute of the day of `now` in `timeZone` (an IANA name; throws RangeError when unknown). */
export function zonedMinute(now: Date, timeZone: string): ZonedMinute {
  const epochMinute = Math.floor(now.getTime() / 60_000);
  const last = lastByZone.get(timeZone);
  if (last !== undefined && last.epochMinute === epochMinute) return last.at;
  const at = formatZoned(now, timeZone);
  lastByZone.set(timeZone, { epochMinute, at });
  return at;
}

function formatZoned(now: Date, timeZone: string): ZonedMinute {
  const { weekday, hour, minute } = zonedParts(now, timeZone);
  return { weekday, minute: hour * 60 + minute };
}

/** 'HH:MM' → minutes since midnight, or null when it is not a valid time of day. */
export function parseClock(hhmm: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

function dayAllowed(days: number[] | undefined, weekday: number): boolean {
  return days === undefined || days.length === 0 || days.includes(weekday);
}

export function windowContains(window: TimeWindow, at: ZonedMinute): boolean {
  const start = parseClock(window.start);
  const end = parseClock(window.end);
  if (start === null || end === null) return false; // validation rejects these; never match on bad data
  if (start === end) return dayAllowed(window.days, at.weekday);
  if (start < end) return at.minute >= start && at.minute < end && dayAllowed(window.days, at.weekday);
  // Wraps past midnight: the evening part belongs to today, the morning part to yesterday's window.
  if (at.minute >= start) return dayAllowed(window.days, at.weekday);
  return at.minute < end && dayAllowed(window.days, (at.weekday + 6) % 7);
}

/** True when the rule is active: no windows, or one containing `now` in `timeZone`. */
export function isActiveAt(windows: readonly TimeWindow[], now: Date, timeZone: string): boolean {
  if (windows.length === 0) return true;
  const at = zonedMinute(now, timeZone);
  return windows.some((w) => windowContains(w, at));
}
