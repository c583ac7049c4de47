import { addDays, zonedInstant, zonedParts } from '../../shared/zoned-time';
import { ValidationError } from '../../shared/errors';
import { draftLeaves, isKeyed, type MenuDraft } from './menus';

/**
 * Menu analytics WeChat's API does not give: taps per button per day, counted from the CLICK and
 * VIEW events in our message log. Days are calendar days in the account's time zone, so "Monday"
 * in a report is the operator's Monday, not the server's.
 */
export type MenuEventName = 'CLICK' | 'VIEW';

/** What the store counts: events of one button (EventKey: a CLICK's key, a VIEW's URL) on one local day. */
export interface MenuEventCount {
  date: string;
  event: MenuEventName;
  key: string;
  count: number;
}

export interface ButtonCount {
  key: string;
  event: MenuEventName;
  count: number;
  /** The button's name in the current draft, when a button there has this key (CLICK) or URL (VIEW). */
  name?: string;
}

export interface MenuStats {
  since: string;
  until: string;
  timeZone: string;
  /** Every day of the range, oldest first; days without taps have no buttons. */
  days: Array<{ date: string; buttons: ButtonCount[] }>;
  totals: { count: number; buttons: ButtonCount[] };
}

/** A year (and a leap day) at most: the query walks the log of the range. */
export const MAX_STATS_DAYS = 366;
const DEFAULT_DAYS = 7;
const DAY_MS = 86_400_000;

/** since/until as YYYY-MM-DD, both inclusive; the last 7 days up to today when absent. */
export function statsRange(query: { since?: unknown; until?: unknown }, today: string): { since: string; until: string } {
  const problems: Array<{ field: string; message: string }> = [];
  const read = (field: 'since' | 'until'): string | undefined => {
    const v = query[field];
    if (v === undefined) return undefined;
    if (typeof v === 'string' && isCalendarDate(v)) return v;
    problems.push({ field, message: 'must be a real date written YYYY-MM-DD' });
    return undefined;
  };
  const givenSince = read('since');
  const givenUntil = read('until');
  const fail = () => new ValidationError(`the stats range is invalid: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, problems);
  if (problems.length > 0) throw fail();
  const until = givenUntil ?? today;
  const since = givenSince ?? addDays(until, -(DEFAULT_DAYS - 1));
  if (since > until) problems.push({ field: 'since', message: `is after until (${until})` });
  if (problems.length === 0 && dayCount(since, until) > MAX_STATS_DAYS) {
    problems.push({ field: 'since', message: `the range is ${dayCount(since, until)} days; at most ${MAX_STATS_DAYS} at a time` });
  }
  if (problems.length > 0) throw fail();
  return { since, until };
}

/** Folds the store's counts into one entry per day of the range, names taken from the draft. */
export function buildStats(range: { since: string; until: string }, timeZone: string, counts: MenuEventCount[], draft: MenuDraft | null): MenuStats {
  const names = buttonNames(draft);
  const named = (c: { key: string; event: MenuEventName; count: number }): ButtonCount => {
    const name = names.get(`${c.event} ${c.key}`);
    return name === undefined ? { ...c } : { ...c, name };
  };
  const byDay = new Map<string, ButtonCount[]>();
  const totals = new Map<string, { key: string; event: MenuEventName; count: number }>();
  for (const c of counts) {
    if (c.date < range.since || c.date > range.until) continue;
    const list = byDay.get(c.date) ?? [];
    list.push(named({ key: c.key, event: c.event, count: c.count }));
    byDay.set(c.date, list);
    const id = `${c.event} ${c.key}`;
    const t = totals.get(id) ?? { key: c.key, event: c.event, count: 0 };
    t.count += c.count;
    totals.set(id, t);
  }
  const days = [];
  for (let d = range.since; d <= range.until; d = addDays(d, 1)) days.push({ date: d, buttons: sortCounts(byDay.get(d) ?? []) });
  const buttons = sortCounts([...totals.values()].map(named));
  return { ...range, timeZone, days, totals: { count: buttons.reduce((n, b) => n + b.count, 0), buttons } };
}

/** Most tapped first; ties by event then key, so the order is stable. */
const sortCounts = (list: ButtonCount[]): ButtonCount[] =>
  list.sort((a, b) => b.count - a.count || a.event.localeCompare(b.event) || a.key.localeCompare(b.key));

/** The first button with a key or URL names it: the default menu before conditional ones. */
function buttonNames(draft: MenuDraft | null): Map<string, string> {
  const names = new Map<string, string>();
  for (const { leaf } of draft ? draftLeaves(draft) : []) {
    const id = isKeyed(leaf) && leaf.type === 'click' ? `CLICK ${leaf.key}` : leaf.type === 'view' ? `VIEW ${leaf.url}` : null;
    if (id && !names.has(id)) names.set(id, leaf.name);
  }
  return names;
}

// ---- calendar days in a time zone ----

export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === text;
}

export { addDays };
const dayCount = (since: string, until: string): number => (Date.parse(until) - Date.parse(since)) / DAY_MS + 1;

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): string {
  return zonedParts(instant, timeZone).date;
}

/** The instant a local calendar day starts in a time zone (DST-safe). */
export function startOfLocalDay(date: string, timeZone: string): Date {
  return zonedInstant(date, '00:00', timeZone);
}
