import type { LoggedMessage, MessagePage, MessageQuery, MessageRepository } from '../../modules/messages';
import type { SqliteDatabase } from './database';

interface Row {
  id: string;
  app_id: string;
  direction: 'in' | 'out';
  openid: string;
  type: string;
  event: string | null;
  created_at: string;
  raw: string;
}

export class SqliteMessageRepository implements MessageRepository {
  private readonly insert;

  constructor(private readonly db: SqliteDatabase) {
    this.insert = db.prepare(
      `INSERT OR IGNORE INTO messages (id, app_id, direction, openid, type, event, created_at, raw)
       VALUES (@id, @appId, @direction, @openid, @type, @event, @createdAt, @raw)`,
    );
  }

  async insertMany(items: readonly LoggedMessage[]): Promise<void> {
    // One transaction per batch: a batch is all stored or none (then retried by the log).
    this.db.transaction((batch: readonly LoggedMessage[]) => {
      for (const m of batch) this.insert.run({ ...m, raw: JSON.stringify(m.raw) });
    })(items);
  }

  async list(q: MessageQuery): Promise<MessagePage> {
    const where = ['app_id = @appId'];
    if (q.openid !== undefined) where.push('openid = @openid');
    if (q.type !== undefined) where.push('type = @type');
    if (q.since !== undefined) where.push('created_at >= @since');
    if (q.until !== undefined) where.push('created_at < @until');
    if (q.cursor !== undefined) where.push('id < @cursor');
    const rows = this.db
      .prepare(`SELECT * FROM messages WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT @take`)
      .all({ ...q, take: q.limit + 1 }) as Row[];
    const page = rows.slice(0, q.limit).map(toMessage);
    const last = page[page.length - 1];
    return { items: page, nextCursor: rows.length > q.limit && last ? last.id : null };
  }
}

function toMessage(r: Row): LoggedMessage {
  return {
    id: r.id,
    appId: r.app_id,
    direction: r.direction,
    openid: r.openid,
    type: r.type,
    event: r.event,
    createdAt: r.created_at,
    raw: JSON.parse(r.raw) as Record<string, unknown>,
  };
}
