import type { Statement } from 'better-sqlite3';
import { localDate, type MenuEventCount, type MenuEventCounter, type MenuEventName } from '../../modules/menus';
import { parseXml } from '../../wechat';
import type { SqliteDatabase } from './database';

interface Row {
  event: MenuEventName;
  created_at: string;
  xml: string;
}

/** Message ids start with 12 hex digits of the logging time in ms (newMessageId), so a time range is an id range. */
const idAt = (iso: string): string => Date.parse(iso).toString(16).padStart(12, '0');

/**
 * Counts menu taps from the message log. The range is walked through the (app_id, id) index;
 * EventKey lives only in the stored XML, so each event's XML is parsed here. No migration is
 * needed: a month of taps for a busy account is some 10^5 rows, well under a second; if that ever
 * is not enough, a derived event_key column (a migration) would let SQLite group instead.
 */
export class SqliteMenuEventCounter implements MenuEventCounter {
  private readonly stmt: Statement<[Record<string, string>], Row>;

  constructor(db: SqliteDatabase) {
    this.stmt = db.prepare(
      `SELECT event, created_at, xml FROM messages
       WHERE app_id = @appId AND id >= @sinceId AND id < @untilId
         AND created_at >= @since AND created_at < @until
         AND direction = 'in' AND type = 'event' AND event IN ('CLICK', 'VIEW')`,
    );
  }

  async countMenuEvents(q: { appId: string; since: string; until: string; timeZone: string }): Promise<MenuEventCount[]> {
    const counts = new Map<string, MenuEventCount>();
    for (const row of this.stmt.iterate({ ...q, sinceId: idAt(q.since), untilId: idAt(q.until) })) {
      const key = eventKey(row.xml);
      if (key === null) continue;
      const date = localDate(new Date(row.created_at), q.timeZone);
      const id = `${date}\n${row.event}\n${key}`;
      const entry = counts.get(id);
      if (entry) entry.count += 1;
      else counts.set(id, { date, event: row.event, key, count: 1 });
    }
    return [...counts.values()];
  }
}

/** The EventKey text, or null when the XML is unreadable or has none (nothing to attribute the tap to). */
function eventKey(xml: string): string | null {
  try {
    const key = parseXml(xml).EventKey;
    return typeof key === 'string' && key !== '' ? key : null;
  } catch {
    return null;
  }
}
