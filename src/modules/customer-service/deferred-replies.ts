import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import type { ReplyContent } from '../auto-reply/auto-reply';
import { toCustomMessage } from '../auto-reply/follow-up';
import type { PendingReply, PendingReplyRepository } from '../messages';
import type { CustomerServiceSender } from './cs-sender';

export interface DeferredRepliesDeps {
  accounts: { list(): Promise<{ appId: string }[]> };
  pending: PendingReplyRepository;
  sender: Pick<CustomerServiceSender, 'send'>;
  clock: Clock;
  logger: Logger;
  /** Replies taken per account and run (the rest wait for the next run). Default 100. */
  batchSize?: number;
}

export interface DeliveryReport {
  delivered: number;
  failed: number;
  /** Replies left pending because something unexpected failed (the store); tried again next run. */
  errors: number;
}

/**
 * Replies the webhook could not give within WeChat's 5 s (issue 6 §4): they went into the pending
 * store, and go out here through the one customer-service path, so they count against the
 * follower's window like every other message and are refused, with the reason kept, when it closed.
 *
 * Each reply is ended once, delivered or failed: a refusal is final (the window only reopens when
 * the follower writes again, by which time a late answer is stale). Runs must not overlap (the job
 * runners start the next run after the previous one ends), or a reply could go out twice.
 */
/** How long a run holds a reply it is sending; one that dies holding it loses it then (the reply may then go out again). */
const CLAIM_MS = 2 * 60_000;

export class DeferredReplies {
  constructor(private readonly deps: DeferredRepliesDeps) {}

  async deliverPending(): Promise<DeliveryReport> {
    const report: DeliveryReport = { delivered: 0, failed: 0, errors: 0 };
    for (const { appId } of await this.deps.accounts.list()) {
      let batch: PendingReply[];
      try {
        batch = await this.deps.pending.listPending(appId, this.deps.batchSize ?? 100);
      } catch (err) {
        this.deps.logger.error({ err, appId }, 'could not list the pending replies');
        report.errors += 1;
        continue;
      }
      // In id order, one at a time: a follower receives the answers in the order they were due.
      for (const reply of batch) await this.deliver(reply, report);
    }
    return report;
  }

  private async deliver(pending: PendingReply, report: DeliveryReport): Promise<void> {
    const { sender, logger, clock } = this.deps;
    try {
      // Another run (an overlapping tick on another worker) holds it: theirs to send.
      const now = clock.now();
      if (!(await this.deps.pending.claim(pending.id, new Date(now.getTime() + CLAIM_MS).toISOString(), now.toISOString()))) return;
      const message = toCustomMessage(asReplyContent(pending.reply));
      if (!message) {
        await this.end(pending, 'failed', `a ${typeOf(pending.reply)} reply has no customer-service form`);
        report.failed += 1;
        return;
      }
      const outcome = await sender.send(pending.appId, pending.openid, message);
      await this.end(pending, outcome.sent ? 'delivered' : 'failed', outcome.sent ? null : outcome.reason);
      report[outcome.sent ? 'delivered' : 'failed'] += 1;
    } catch (err) {
      logger.error({ err, appId: pending.appId, id: pending.id }, 'could not deliver a deferred reply; it stays pending');
      report.errors += 1;
    }
  }

  private async end(pending: PendingReply, status: 'delivered' | 'failed', reason: string | null): Promise<void> {
    await this.deps.pending.markDone(pending.id, { status, reason, at: this.deps.clock.now().toISOString() });
    if (status === 'failed') this.deps.logger.warn({ appId: pending.appId, id: pending.id, reason }, 'deferred reply not delivered');
  }
}

/** The stored reply is the handler's passive Reply, whose shape ReplyContent shares; anything else has no form. */
function asReplyContent(reply: unknown): ReplyContent {
  return (typeof reply === 'object' && reply !== null ? reply : { type: typeOf(reply) }) as ReplyContent;
}

function typeOf(reply: unknown): string {
  const type = typeof reply === 'object' && reply !== null ? (reply as { type?: unknown }).type : undefined;
  return typeof type === 'string' ? type : 'malformed';
}
