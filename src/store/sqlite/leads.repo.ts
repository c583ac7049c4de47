import type { Statement } from 'better-sqlite3';
import type { Lead, LeadKind } from '../../modules/customer-service/customer-service';
import type { LeadRepository } from '../../modules/customer-service/customer-service.ports';
import type { SqliteDatabase } from './database';

interface Row {
  id: string;
  app_id: string;
  openid: string;
  kind: string;
  value: string;
  text: string;
  at: string;
  channel: string | null;
  msg_id: string | null;
  forwarded_at: string | null;
}

const COLUMNS = 'id, app_id, openid, kind, value, text, at, channel, msg_id, forwarded_at';

/**
 * Leads in SQLite (migration 13). Instants are `Date#toISOString()` strings, so comparing them as
 * text orders them in time: the range and ORDER BY below rely on it.
 */
export class SqliteLeadRepository implements LeadRepository {
  private readonly insertStmt: Statement;
  private readonly listStmt: Statement<[Record<string, string | number | null>], Row>;
  private readonly forwardedStmt: Statement<[string, string]>;

  constructor(db: SqliteDatabase) {
    // ON CONFLICT DO NOTHING (any unique key: the id or the contact) + the change count tells a
    // duplicate apart without parsing SQLite errors, and two racing inserts cannot both count.
    this.insertStmt = db.prepare(
      `INSERT INTO leads (${COLUMNS}) VALUES (@id, @appId, @openid, @kind, @value, @text, @at, @channel, @msgId, @forwardedAt)
       ON CONFLICT DO NOTHING`,
    );
    // One statement for every combination of bounds: a NULL parameter switches its bound off.
    this.listStmt = db.prepare(
      `SELECT ${COLUMNS} FROM leads
       WHERE app_id = @appId AND (@since IS NULL OR at >= @since) AND (@until IS NULL OR at < @until)
       ORDER BY at DESC, id DESC LIMIT @limit`,
    );
    this.forwardedStmt = db.prepare('UPDATE leads SET forwarded_at = ? WHERE id = ?');
  }

  async insert(lead: Lead): Promise<boolean> {
    return this.insertStmt.run({ ...lead }).changes === 1;
  }

  async list(appId: string, q: { since?: string; until?: string; limit: number }): Promise<Lead[]> {
    return this.listStmt.all({ appId, since: q.since ?? null, until: q.until ?? null, limit: q.limit }).map(fromRow);
  }

  async markForwarded(id: string, at: string): Promise<void> {
    this.forwardedStmt.run(at, id);
  }
}

const fromRow = (r: Row): Lead => ({
  id: r.id,
  appId: r.app_id,
  openid: r.openid,
  kind: r.kind as LeadKind,
  value: r.value,
  text: r.text,
  at: r.at,
  channel: r.channel,
  msgId: r.msg_id,
  forwardedAt: r.forwarded_at,
});
