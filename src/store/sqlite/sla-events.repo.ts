import type { Statement } from 'better-sqlite3';
import type { SlaEvent } from '../../modules/customer-service/customer-service';
import type { SlaEventRepository } from '../../modules/customer-service/customer-service.ports';
import type { SqliteDatabase } from './database';

interface Row {
  id: string; app_id: string; conversation_id: string; kind: SlaEvent['kind']; waiting_since: string;
  due_at: string; agent_id: string | null; fired_at: string;
}

/**
 * SLA marks in SQLite (migration 11). UNIQUE (conversation_id, kind, waiting_since) makes `record`
 * the once-only claim: INSERT … ON CONFLICT DO NOTHING changes one row for exactly one caller, in
 * this process or another on the same file.
 */
export class SqliteSlaEventRepository implements SlaEventRepository {
  private readonly recordStmt: Statement;
  private readonly listStmt: Statement<[string, string, string], Row>;

  constructor(db: SqliteDatabase) {
    this.recordStmt = db.prepare(
      `INSERT INTO sla_events (id, app_id, conversation_id, kind, waiting_since, due_at, agent_id, fired_at)
       VALUES (@id, @appId, @conversationId, @kind, @waitingSince, @dueAt, @agentId, @firedAt) ON CONFLICT DO NOTHING`,
    );
    this.listStmt = db.prepare('SELECT * FROM sla_events WHERE app_id = ? AND fired_at >= ? AND fired_at < ? ORDER BY fired_at, id');
  }

  async record(event: SlaEvent): Promise<boolean> {
    return this.recordStmt.run(event).changes === 1;
  }

  async list(appId: string, since: string, until: string): Promise<SlaEvent[]> {
    return this.listStmt.all(appId, since, until).map((r) => ({
      id: r.id, appId: r.app_id, conversationId: r.conversation_id, kind: r.kind, waitingSince: r.waiting_since,
      dueAt: r.due_at, agentId: r.agent_id, firedAt: r.fired_at,
    }));
  }
}
