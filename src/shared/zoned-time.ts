/**
 * Wall-clock time in an IANA time zone. Slots, reports and day boundaries use the account's zone,
 * never the server's (ARCHITECTURE.md, "One clock"). Formatters are cached per zone: building one
 * costs far more than formatting with it.
 */
export interface ZonedParts {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM, 24-hour */
  time: string;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 Sunday … 6 Saturday */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

export function zonedParts(instant: Date, timeZone: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  const [year, month, day, hour, minute] = [parts.year, parts.month, parts.day, parts.hour, parts.minute].map(Number) as [number, number, number, number, number];
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  return { date, time: `${parts.hour}:${parts.minute}`, year, month, day, hour, minute, weekday: weekdayOf(date) };
}

/** 0 = Sunday … 6 = Saturday, for a calendar date YYYY-MM-DD (a date has one weekday in every zone). */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/**
 * The instant when the wall clock in `timeZone` shows `date` `time` (YYYY-MM-DD, HH:MM). Tries the
 * zone's offsets from 12 hours before and after (a zone changes offset at most once in a day): in
 * an overlap (a repeated hour) the earlier instant wins; in a gap (a skipped hour) the wall time is
 * moved forward by the gap, as Temporal's "compatible" rule does (02:30 on a spring-forward night is 03:30).
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const wanted = Date.UTC(y, mo - 1, d, h, mi);
  const candidates = [wanted - offsetAt(wanted - 12 * HOUR, timeZone), wanted - offsetAt(wanted + 12 * HOUR, timeZone)];
  const exact = candidates.filter((c) => offsetAt(c, timeZone) === wanted - c);
  return new Date(exact.length > 0 ? Math.min(...exact) : Math.max(...candidates));
}

const HOUR = 3_600_000;

/** How far the zone's wall clock is ahead of UTC at an instant (ms, whole minutes). */
function offsetAt(instant: number, timeZone: string): number {
  const p = zonedParts(new Date(instant), timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - Math.floor(instant / 60_000) * 60_000;
}

/** YYYY-MM-DD plus `days` (calendar arithmetic, no zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
