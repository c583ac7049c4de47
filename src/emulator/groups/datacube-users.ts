import { daysOf, dayOf, FIRST_DATA_DAY, formatDay } from './datacube-dates';
import type { FollowEvent } from './datacube-ledger';

/**
 * getusersummary and getusercumulate from the follows the emulator saw, so that the sum of
 * new_user − cancel_user over any days equals the change of cumulate_user over them.
 */

interface DayTally {
  newBySource: Map<number, number>;
  cancels: number;
}

function tallyByDay(events: readonly FollowEvent[], begin: number, end: number): Map<number, DayTally> {
  const days = new Map<number, DayTally>();
  for (const e of events) {
    const day = dayOf(e.at);
    if (day < begin || day > end) continue;
    let tally = days.get(day);
    if (!tally) days.set(day, (tally = { newBySource: new Map(), cancels: 0 }));
    if (e.delta === 1) tally.newBySource.set(e.source, (tally.newBySource.get(e.source) ?? 0) + 1);
    else tally.cancels += 1;
  }
  return days;
}

/**
 * One row per day and user_source that had follows, by date then source; unfollows are not
 * attributed to a source and go on the source-0 row. Days with neither are absent, as WeChat
 * leaves out empty data.
 */
export function userSummary(events: readonly FollowEvent[], begin: number, end: number): Record<string, unknown>[] {
  const tallies = tallyByDay(events, begin, end);
  const rows: Record<string, unknown>[] = [];
  for (const day of daysOf(begin, end)) {
    const tally = tallies.get(day);
    if (!tally) continue;
    const sources = new Set(tally.newBySource.keys());
    if (tally.cancels > 0) sources.add(0);
    for (const source of [...sources].sort((a, b) => a - b)) {
      rows.push({
        ref_date: formatDay(day),
        user_source: source,
        new_user: tally.newBySource.get(source) ?? 0,
        cancel_user: source === 0 ? tally.cancels : 0,
      });
    }
  }
  return rows;
}

/** Followers at the end of each day of the range (every day has a row, 0 included). */
export function userCumulate(events: readonly FollowEvent[], begin: number, end: number): Record<string, unknown>[] {
  const deltaByDay = new Map<number, number>();
  const first = Math.max(begin, FIRST_DATA_DAY);
  let before = 0;
  for (const e of events) {
    const day = dayOf(e.at);
    if (day < first) before += e.delta;
    else if (day <= end) deltaByDay.set(day, (deltaByDay.get(day) ?? 0) + e.delta);
  }
  let running = before;
  return daysOf(begin, end).map((day) => {
    running += deltaByDay.get(day) ?? 0;
    return { ref_date: formatDay(day), cumulate_user: running };
  });
}

/** Followers at the end of `day`, for figures that scale with the audience. */
export function followersAt(events: readonly FollowEvent[], day: number): number {
  let count = 0;
  for (const e of events) if (dayOf(e.at) <= day) count += e.delta;
  return count;
}
