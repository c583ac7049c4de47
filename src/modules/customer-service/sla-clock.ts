import { ValidationError } from '../../shared/errors';
import { addDays, weekdayOf, zonedInstant, zonedParts } from '../../shared/zoned-time';
import type { BusinessHours, DeskSettings } from './customer-service';

/**
 * The SLA clock. The promise is `slaMinutes` of *business time*: around the clock when the account
 * has no calendar, otherwise only the time inside its office hours (in the account's IANA zone)
 * counts. A message at 17:55 on a Friday with 09:00–18:00 Mon–Fri and a 24 h SLA has 5 minutes on
 * Friday, 9 h each on Monday and Tuesday, and is due on Wednesday at 14:55. The warning comes after
 * `warnFraction` of that same business time.
 *
 * Business time is elapsed time: on a night the clocks change, a window of 01:00–04:00 holds two or
 * four real hours, and that is what it counts (a wall time in a skipped hour moves forward, as
 * zonedInstant does).
 */
export type SlaSettings = Pick<DeskSettings, 'slaMinutes' | 'warnFraction' | 'businessHours'>;

const MINUTE = 60_000;
/**
 * A guard against a calendar with no time in it. Valid settings end far sooner: at most 10 080
 * minutes of SLA, and at least one minute of office hours a week, is at most 10 080 weeks.
 */
const MAX_DAYS = 10_080 * 7 + 366;

export function slaDue(from: Date, settings: SlaSettings, timeZone: string): { warnAt: Date; dueAt: Date } {
  const budget = settings.slaMinutes * MINUTE;
  // Whole milliseconds, so the warning is a stored instant like every other.
  const warnBudget = Math.round(budget * settings.warnFraction);
  return {
    warnAt: addBusinessTime(from, warnBudget, settings.businessHours, timeZone),
    dueAt: addBusinessTime(from, budget, settings.businessHours, timeZone),
  };
}

/** The earliest instant with `ms` of business time between `from` and it. */
export function addBusinessTime(from: Date, ms: number, hours: BusinessHours | null, timeZone: string): Date {
  if (hours === null || ms <= 0) return new Date(from.getTime() + Math.max(ms, 0));
  let left = ms;
  for (const [start, end] of windowsFrom(from, hours, timeZone)) {
    const open = Math.max(start, from.getTime());
    if (open >= end) continue;
    if (left <= end - open) return new Date(open + left);
    left -= end - open;
  }
  throw new Error(`the SLA clock found no end within ${MAX_DAYS} days`);
}

/** Business time (ms) in [from, until): the inverse of addBusinessTime, for reports and tests. */
export function businessTimeBetween(from: Date, until: Date, hours: BusinessHours | null, timeZone: string): number {
  if (until <= from) return 0;
  if (hours === null) return until.getTime() - from.getTime();
  let total = 0;
  for (const [start, end] of windowsFrom(from, hours, timeZone)) {
    if (start >= until.getTime()) break;
    total += Math.max(0, Math.min(end, until.getTime()) - Math.max(start, from.getTime()));
  }
  return total;
}

/**
 * The office-hours windows [start, end) (epoch ms) of the local days from the one holding `from` on,
 * at most MAX_DAYS of them. A day's window never crosses midnight (start < end).
 */
function* windowsFrom(from: Date, hours: BusinessHours, timeZone: string): Generator<[number, number]> {
  if (hours.days.length === 0 || !(hours.start < hours.end)) {
    throw new ValidationError('the business hours are invalid', [{ field: 'businessHours', message: 'need at least one day and start before end' }]);
  }
  const days = new Set(hours.days);
  let date = zonedParts(from, timeZone).date;
  for (let i = 0; i < MAX_DAYS; i += 1, date = addDays(date, 1)) {
    if (days.has(weekdayOf(date))) yield [zonedInstant(date, hours.start, timeZone).getTime(), zonedInstant(date, hours.end, timeZone).getTime()];
  }
}
