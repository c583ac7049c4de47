import type { LoggedMessage, MessagePage, MessageQuery, MessageRepository } from '../../modules/messages';
import type { BackgroundWriter } from './background-writer';
import type { SqliteDatabase } from './database';

const COLUMNS = 10;
const INSERT = `INSERT OR IGNORE INTO messages (id, app_id, direction, openid, type, event, created_at, xml, reply_type, reply_xml) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

interface Row {
  id: string;
  app_id: string;
  direction: 'in' | 'out';
  openid: string;
  type: string;
  event: string | null;
  created_at: string;
  xml: string;
  reply_type: string | null;
  reply_xml: string | null;
}

/**
 * The message log in SQLite. Writes go through the background writer when there is one (a file
 * database), so the webhook's thread never waits for SQLite; `:memory:` databases write in-thread.
 */
export class SqliteMessageRepository implements MessageRepository {
  private readonly insert;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly writer: BackgroundWriter | null = null,
  ) {
    this.insert = db.prepare(INSERT);
  }

  async insertMany(items: readonly LoggedMessage[]): Promise<void> {
    // One transaction per batch: a batch is all stored or none (then retried by the log).
    const values: unknown[] = [];
    for (const m of items) values.push(m.id, m.appId, m.direction, m.openid, m.type, m.event, m.createdAt, m.xml, m.reply?.type ?? null, m.reply?.xml ?? null);
    if (this.writer) return this.writer.write(INSERT, COLUMNS, values);
    this.db.transaction(() => {
      for (let i = 0; i < values.length; i += COLUMNS) this.insert.run(values.slice(i, i + COLUMNS));
    })();
  }

  async list(q: MessageQuery): Promise<MessagePage> {
    const where = ['app_id = @appId'];
    if (q.openid !== undefined) where.push('openid = @openid');
    if (q.type !== undefined) where.push('(type = @type OR reply_type = @type)');
    if (q.since !== undefined) where.push('created_at >= @since');
    if (q.until !== undefined) where.push('created_at < @until');
    if (q.cursor !== undefined) where.push(q.cursorInclusive ? 'id <= @cursor' : 'id < @cursor');
    const rows = this.db
      .prepare(`SELECT * FROM messages WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT @take`)
      .all({ appId: q.appId, openid: q.openid, type: q.type, since: q.since, until: q.until, cursor: q.cursor, take: q.limit }) as Row[];
    // Rows, not log entries: MessageLog.list turns each into its message and reply entries and pages them.
    return { items: rows.map(toMessage), nextCursor: null };
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
    xml: r.xml,
    reply: r.reply_type !== null && r.reply_xml !== null ? { type: r.reply_type, xml: r.reply_xml } : null,
  };
}
