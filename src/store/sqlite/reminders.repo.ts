import type { Statement } from 'better-sqlite3';
import type { Reminder, ReminderRepository } from '../../modules/housekeeping';
import type { SqliteDatabase } from './database';

interface Row {
  app_id: string;
  kind: Reminder['kind'];
  key: string;
  message: string;
  created_at: string;
}

/** Reminders given (migration 7); the primary key (app_id, kind, key) makes each one once. */
export class SqliteReminderRepository implements ReminderRepository {
  private readonly insertStmt: Statement;
  private readonly listStmt: Statement<[{ appId: string | null; limit: number }], Row>;

  constructor(db: SqliteDatabase) {
    this.insertStmt = db.prepare(
      'INSERT INTO reminders (app_id, kind, key, message, created_at) VALUES (@appId, @kind, @key, @message, @createdAt) ON CONFLICT DO NOTHING',
    );
    this.listStmt = db.prepare('SELECT * FROM reminders WHERE (@appId IS NULL OR app_id = @appId) ORDER BY created_at DESC, key DESC LIMIT @limit');
  }

  async add(r: Reminder): Promise<boolean> {
    return this.insertStmt.run({ appId: r.appId, kind: r.kind, key: r.key, message: r.message, createdAt: r.createdAt }).changes === 1;
  }

  async list(query: { appId?: string; limit: number }): Promise<Reminder[]> {
    return this.listStmt.all({ appId: query.appId ?? null, limit: query.limit }).map((r) => ({ appId: r.app_id, kind: r.kind, key: r.key, message: r.message, createdAt: r.created_at }));
  }
}
