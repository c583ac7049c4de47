import type { Connection, Model, PipelineStage } from 'mongoose';
import type { MenuEventCount, MenuEventCounter, MenuEventName } from '../../modules/menus';
import { zonedParts } from '../../shared/zoned-time';
import { messageModel, type MessageDoc } from './messages.repo';

/** Message ids start with 12 hex digits of the logging time in ms (newMessageId), so a time range is an id range. */
const idAt = (iso: string): string => Date.parse(iso).toString(16).padStart(12, '0');

const MENU_EVENTS: MenuEventName[] = ['CLICK', 'VIEW'];
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/**
 * Counts menu taps from the message log (the `messages` collection MongoMessageRepository writes)
 * with one aggregation: the same messages as SqliteMenuEventCounter (an id range and a time range,
 * inbound CLICK/VIEW events with an EventKey), grouped by local day, event and key inside MongoDB.
 * The EventKey is the `eventKey` field the message repository reads from the XML at insert.
 */
export class MongoMenuEventCounter implements MenuEventCounter {
  private readonly messages: Model<MessageDoc>;

  constructor(connection: Connection) {
    this.messages = messageModel(connection);
  }

  async countMenuEvents(q: { appId: string; since: string; until: string; timeZone: string }): Promise<MenuEventCount[]> {
    const pipeline: PipelineStage[] = [
      {
        $match: {
          // The id range walks the (appId, _id) index, as SQLite walks (app_id, id).
          appId: q.appId,
          _id: { $gte: idAt(q.since), $lt: idAt(q.until) },
          createdAt: { $gte: q.since, $lt: q.until },
          direction: 'in',
          type: 'event',
          event: { $in: MENU_EVENTS },
          // No EventKey, nothing to attribute the tap to.
          eventKey: { $type: 'string', $ne: '' },
        },
      },
      {
        $group: {
          _id: {
            date: { $dateToString: { format: '%Y-%m-%d', date: { $toDate: '$createdAt' }, timezone: offsetOfCreatedAt(q) } },
            event: '$event',
            key: '$eventKey',
          },
          count: { $sum: 1 },
        },
      },
      { $project: { _id: 0, date: '$_id.date', event: '$_id.event', key: '$_id.key', count: 1 } },
      // The port promises no order; a fixed one keeps reports and tests stable.
      { $sort: { date: 1, event: 1, key: 1 } },
    ];
    const rows = await this.messages.aggregate<MenuEventCount>(pipeline);
    return rows.map((r) => ({ date: r.date, event: r.event, key: r.key, count: r.count }));
  }
}

/**
 * The account zone's UTC offset at each message's createdAt, as an expression (`+08:00`, or a
 * `$switch` on createdAt when daylight saving changes it within the range). The offsets come from
 * the same time-zone code as the module's localDate (Node's ICU), not from MongoDB's own zone
 * database, so both adapters put a tap on the same local day, and any server that knows fixed
 * offsets can run it.
 */
function offsetOfCreatedAt(q: { since: string; until: string; timeZone: string }): unknown {
  const spans = offsetSpans(Date.parse(q.since), Date.parse(q.until), q.timeZone);
  const last = spans.pop()!;
  if (spans.length === 0) return last.offset;
  return { $switch: { branches: spans.map((s) => ({ case: { $lt: ['$createdAt', s.endsAt] }, then: s.offset })), default: last.offset } };
}

/** The offsets in force over [start, end), oldest first, each with the instant it ends (ISO). Zones change offset at most once a day. */
function offsetSpans(start: number, end: number, timeZone: string): { offset: string; endsAt: string }[] {
  const offsetAt = (t: number): number => {
    const p = zonedParts(new Date(t), timeZone);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - Math.floor(t / MINUTE_MS) * MINUTE_MS;
  };
  const spans: { offset: string; endsAt: string }[] = [];
  let current = offsetAt(start);
  for (let from = start; from < end; from += DAY_MS) {
    const to = Math.min(from + DAY_MS, end - 1);
    if (to <= from || offsetAt(to) === current) continue;
    // The first millisecond of the new offset, found by halving (from keeps the old offset, to has the new).
    let [lo, hi] = [from, to];
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (offsetAt(mid) === current) lo = mid;
      else hi = mid;
    }
    spans.push({ offset: formatOffset(current), endsAt: new Date(hi).toISOString() });
    current = offsetAt(hi);
  }
  spans.push({ offset: formatOffset(current), endsAt: new Date(end).toISOString() });
  return spans;
}

/** Milliseconds ahead of UTC → `+05:45` / `-04:00`, the offset form MongoDB's date operators take. */
function formatOffset(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / MINUTE_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${ms < 0 ? '-' : '+'}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}
