import { dayOf, FIRST_DATA_DAY, formatDay, hourOf, monthOf, weekOf } from './datacube-dates';
import type { MessageEvent } from './datacube-ledger';

/**
 * The getupstreammsg* family from the messages followers actually sent through the emulator.
 * msg_type (§9): 1 text, 2 image, 3 voice, 4 video, 6 link / third-party app; other kinds
 * (location, events) are not counted, as WeChat's list has no type for them.
 */
const MSG_TYPE: Record<string, number> = { text: 1, image: 2, voice: 3, video: 4, shortvideo: 4, link: 6 };

/** Which bucket a message falls in (a date, a date and hour …), or null to leave it out. */
type Grouping = (m: MessageEvent, day: number) => { refDate: number; hour?: number } | null;

export interface Period {
  /** Rows for periods (days, weeks, months) whose first day lies in [begin, end] … */
  begin: number;
  end: number;
  /** … counting only messages up to yesterday, since today's data does not exist yet. */
  yesterday: number;
}

export const byDay = (p: Period): Grouping => (_m, day) => (inRange(day, p) ? { refDate: day } : null);
export const byHour = (p: Period): Grouping => (m, day) => (inRange(day, p) ? { refDate: day, hour: hourOf(m.at) } : null);
export const byWeek = (p: Period): Grouping => (_m, day) => (inRange(weekOf(day), p, day) ? { refDate: weekOf(day) } : null);
export const byMonth = (p: Period): Grouping => (_m, day) => (inRange(monthOf(day), p, day) ? { refDate: monthOf(day) } : null);

function inRange(start: number, p: Period, day = start): boolean {
  return start >= Math.max(p.begin, FIRST_DATA_DAY) && start <= p.end && day <= p.yesterday;
}

interface Bucket {
  refDate: number;
  hour?: number;
  /** msg_type → openid → messages */
  byType: Map<number, Map<string, number>>;
}

function bucketsOf(messages: readonly MessageEvent[], group: Grouping): Bucket[] {
  const buckets = new Map<string, Bucket>();
  for (const m of messages) {
    const type = MSG_TYPE[m.msgType];
    const where = type === undefined ? null : group(m, dayOf(m.at));
    if (!where || type === undefined) continue;
    const key = `${where.refDate}:${where.hour ?? ''}`;
    let bucket = buckets.get(key);
    if (!bucket) buckets.set(key, (bucket = { ...where, byType: new Map() }));
    const users = bucket.byType.get(type) ?? new Map<string, number>();
    users.set(m.openid, (users.get(m.openid) ?? 0) + 1);
    bucket.byType.set(type, users);
  }
  return [...buckets.values()].sort((a, b) => a.refDate - b.refDate || (a.hour ?? 0) - (b.hour ?? 0));
}

const head = (b: Bucket) => ({ ref_date: formatDay(b.refDate), ...(b.hour === undefined ? {} : { ref_hour: b.hour * 100 }) });

/** Rows of ref_date (, ref_hour), msg_type, msg_user, msg_count. */
export function upstreamMsg(messages: readonly MessageEvent[], group: Grouping): Record<string, unknown>[] {
  return bucketsOf(messages, group).flatMap((b) =>
    [...b.byType.entries()]
      .sort(([x], [y]) => x - y)
      .map(([type, users]) => ({ ...head(b), msg_type: type, msg_user: users.size, msg_count: sum(users.values()) })),
  );
}

/** Rows of ref_date, count_interval (1: 1–5, 2: 6–10, 3: more than 10 messages), msg_user. */
export function upstreamMsgDist(messages: readonly MessageEvent[], group: Grouping): Record<string, unknown>[] {
  return bucketsOf(messages, group).flatMap((b) => {
    const perUser = new Map<string, number>();
    for (const users of b.byType.values()) for (const [openid, n] of users) perUser.set(openid, (perUser.get(openid) ?? 0) + n);
    const intervals = new Map<number, number>();
    for (const n of perUser.values()) {
      const interval = n <= 5 ? 1 : n <= 10 ? 2 : 3;
      intervals.set(interval, (intervals.get(interval) ?? 0) + 1);
    }
    return [...intervals.entries()].sort(([x], [y]) => x - y).map(([interval, users]) => ({ ...head(b), count_interval: interval, msg_user: users }));
  });
}

const sum = (values: Iterable<number>) => {
  let total = 0;
  for (const v of values) total += v;
  return total;
};
