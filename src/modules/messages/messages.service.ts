import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import { newMessageId, type LoggedMessage, type MessagePage, type MessageQuery, type MessageView } from './messages';
import type { MessageRepository } from './messages.ports';

/** What a caller hands the log: the id and time are assigned here. */
export type MessageLogInput = Omit<LoggedMessage, 'id' | 'createdAt'>;

interface Options {
  repo: MessageRepository;
  clock: Clock;
  logger: Logger;
  /** Longest an entry waits in memory before it is written. */
  flushMs: number;
  /** Parses logged XML into the raw field map when the log is read (wechat/parseXml); injected to keep this module protocol-free. */
  parseXml: (xml: string) => Record<string, unknown>;
  maxBatch?: number;
}

/** Entries kept in memory at most while the store is failing or slow; beyond it new entries are dropped and counted. */
const MAX_BUFFERED = 100_000;

/**
 * The message log. `record` only appends to a buffer, so the webhook never waits for the store;
 * a timer writes batches. A failed write keeps the batch for the next flush instead of losing it.
 */
export class MessageLog {
  private buffer: LoggedMessage[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private dropped = 0;

  constructor(private readonly opts: Options) {}

  record(input: MessageLogInput): void {
    const now = this.opts.clock.now();
    const { appId, direction, openid, type, event, xml, reply } = input;
    // Built field by field: an object spread here showed up in the webhook's profile.
    // A store that keeps failing must not exhaust memory: past the cap, new entries are counted and dropped (O(1), unlike shifting the oldest out).
    if (this.buffer.length >= MAX_BUFFERED) {
      this.dropped += 1;
      return;
    }
    this.buffer.push({ id: newMessageId(now.getTime()), appId, direction, openid, type, event, createdAt: now.toISOString(), xml, reply });
    if (this.buffer.length >= (this.opts.maxBatch ?? 500) && !this.flushing) void this.flush();
    else this.schedule();
  }

  /**
   * Newest first. A stored row holds a message and possibly its reply; the log shows them as two
   * entries (ids: row id + '0' for the message, + '1' for the reply), paged by entry.
   */
  async list(query: MessageQuery): Promise<MessagePage<MessageView>> {
    const { cursor, type, limit } = query;
    // Rows yield at least one entry each, so limit + 1 rows tell whether another page exists.
    const rows = await this.opts.repo.list({ ...query, cursor: cursor?.slice(0, 24), cursorInclusive: cursor?.endsWith('1') ?? false, limit: limit + 1 });
    const entries: MessageView[] = [];
    for (const row of rows.items) {
      if (row.reply) entries.push(this.view(row, `${row.id}1`, 'out', row.reply.type, null, row.reply.xml));
      entries.push(this.view(row, `${row.id}0`, row.direction, row.type, row.event, row.xml));
    }
    const shown = entries.filter((e) => (type === undefined || e.type === type) && (cursor === undefined || e.id < cursor));
    const items = shown.slice(0, limit);
    return { items, nextCursor: shown.length > limit ? items[items.length - 1]!.id : null };
  }

  private view(row: LoggedMessage, id: string, direction: 'in' | 'out', type: string, event: string | null, xml: string): MessageView {
    return { id, direction, openid: row.openid, type, event, createdAt: row.createdAt, raw: this.safeParse(xml) };
  }

  /** Writes everything buffered so far; resolves when it is stored (or kept after a failure). */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.buffer.length === 0) return;
    this.flushing = this.writeBuffered().finally(() => {
      this.flushing = null;
    });
    await this.flushing;
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.opts.flushMs);
    this.timer.unref();
  }

  private async writeBuffered(): Promise<void> {
    const batch = this.buffer;
    this.buffer = [];
    try {
      await this.opts.repo.insertMany(batch);
    } catch (err) {
      this.opts.logger.error({ err, count: batch.length }, 'message log write failed; keeping the batch for the next flush');
      this.buffer = batch.concat(this.buffer).slice(0, MAX_BUFFERED);
      this.schedule();
    }
    if (this.dropped > 0) {
      this.opts.logger.error({ dropped: this.dropped }, 'message log buffer overflowed while the store was failing');
      this.dropped = 0;
    }
  }

  /** Only XML that passed the webhook's parser is logged; should a row be unreadable, show its text rather than fail the page. */
  private safeParse(xml: string): Record<string, unknown> {
    try {
      return this.opts.parseXml(xml);
    } catch {
      return { unparsedXml: xml };
    }
  }
}
