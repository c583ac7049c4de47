import { dayOf, daysOf, formatDay, hourOf } from './datacube-dates';
import { seeded, upTo } from './datacube-seed';

/**
 * getinterfacesummary(hour): the callbacks the emulator pushed to the account's webhook, counted
 * per day (or hour). Timings are synthetic but deterministic per appId + date; failures are not
 * tracked here and reported as 0.
 */
type Row = Record<string, unknown>;

function timings(appId: string, day: number, hour: number | null, count: number): Row {
  const random = seeded(appId, 'interface', day, hour ?? 'day');
  const average = 20 + upTo(random, 180);
  return { callback_count: count, fail_count: 0, total_time_cost: count * average, max_time_cost: average + upTo(random, 300) };
}

export function interfaceSummary(appId: string, callbacks: readonly number[], begin: number, end: number): Row[] {
  const perDay = new Map<number, number>();
  for (const at of callbacks) perDay.set(dayOf(at), (perDay.get(dayOf(at)) ?? 0) + 1);
  return daysOf(begin, end).flatMap((day) => {
    const count = perDay.get(day) ?? 0;
    return count > 0 ? [{ ref_date: formatDay(day), ...timings(appId, day, null, count) }] : [];
  });
}

export function interfaceSummaryHour(appId: string, callbacks: readonly number[], begin: number, end: number): Row[] {
  const perHour = new Map<number, number>();
  for (const at of callbacks) {
    const day = dayOf(at);
    if (day >= begin && day <= end) perHour.set(day * 24 + hourOf(at), (perHour.get(day * 24 + hourOf(at)) ?? 0) + 1);
  }
  return [...perHour.entries()]
    .sort(([a], [b]) => a - b)
    .map(([slot, count]) => {
      const day = Math.floor(slot / 24);
      const hour = slot % 24;
      return { ref_date: formatDay(day), ref_hour: hour * 100, ...timings(appId, day, hour, count) };
    });
}
