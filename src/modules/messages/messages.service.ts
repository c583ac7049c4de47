import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import { newMessageId, type LoggedMessage, type MessagePage, type MessageQuery } from './messages';
import type { MessageRepository } from './messages.ports';

/** What a caller hands the log: the id and time are assigned here. */
export type MessageLogInput = Omit<LoggedMessage, 'id' | 'createdAt' | 'raw'> & {
  raw?: Record<string, unknown>;
  /** Rendered XML to turn into `raw` at flush time, off the hot path (used for replies). */
  rawXml?: string;
};

interface Options {
  repo: MessageRepository;
  clock: Clock;
  logger: Logger;
  /** Longest an entry waits in memory before it is written. */
  flushMs: number;
  /** Parses rendered XML into a raw field map (wechat/parseXml); injected to keep this module protocol-free. */
  parseXml: (xml: string) => Record<string, unknown>;
  maxBatch?: number;
}

/** Entries kept in memory at most while the store is failing; beyond it the oldest are dropped and counted. */
const MAX_BUFFERED = 100_000;

/**
 * The message log. `record` only appends to a buffer, so the webhook never waits for the store;
 * a timer writes batches. A failed write keeps the batch for the next flush instead of losing it.
 */
export class MessageLog {
  private buffer: { entry: LoggedMessage; rawXml?: string }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private dropped = 0;

  constructor(private readonly opts: Options) {}

  record(input: MessageLogInput): void {
    const now = this.opts.clock.now();
    const { rawXml, raw, ...fields } = input;
    const entry: LoggedMessage = { ...fields, id: newMessageId(now.getTime()), createdAt: now.toISOString(), raw: raw ?? {} };
    this.buffer.push({ entry, rawXml });
    if (this.buffer.length > MAX_BUFFERED) {
      this.buffer.shift();
      this.dropped += 1;
    }
    if ((this.opts.maxBatch ?? 500) <= this.buffer.length) void this.flush();
    else this.schedule();
  }

  list(query: MessageQuery): Promise<MessagePage> {
    return this.opts.repo.list(query);
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
    const entries = batch.map(({ entry, rawXml }) => (rawXml === undefined ? entry : { ...entry, raw: this.safeParse(rawXml) }));
    try {
      await this.opts.repo.insertMany(entries);
    } catch (err) {
      this.opts.logger.error({ err, count: entries.length }, 'message log write failed; keeping the batch for the next flush');
      this.buffer = batch.concat(this.buffer);
      this.schedule();
    }
    if (this.dropped > 0) {
      this.opts.logger.error({ dropped: this.dropped }, 'message log buffer overflowed while the store was failing');
      this.dropped = 0;
    }
  }

  private safeParse(xml: string): Record<string, unknown> {
    try {
      return this.opts.parseXml(xml);
    } catch {
      return { xml };
    }
  }
}
