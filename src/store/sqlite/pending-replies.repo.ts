import type { PendingReply, PendingReplyRepository } from '../../modules/messages';
import type { SqliteDatabase } from './database';

export class SqlitePendingReplyRepository implements PendingReplyRepository {
  constructor(private readonly db: SqliteDatabase) {}

  async insert(r: PendingReply): Promise<void> {
    this.db
      .prepare(
        `INSERT OR IGNORE INTO pending_replies (id, app_id, openid, inbound_key, reply, reason, created_at)
         VALUES (@id, @appId, @openid, @inboundKey, @reply, @reason, @createdAt)`,
      )
      .run({ ...r, reply: JSON.stringify(r.reply) });
  }

  async listPending(appId: string, limit: number): Promise<PendingReply[]> {
    const rows = this.db
      .prepare(`SELECT * FROM pending_replies WHERE app_id = ? AND status = 'pending' ORDER BY id LIMIT ?`)
      .all(appId, limit) as Record<string, string>[];
    return rows.map((r) => ({
      id: r.id!,
      appId: r.app_id!,
      openid: r.openid!,
      inboundKey: r.inbound_key!,
      reply: JSON.parse(r.reply!) as unknown,
      reason: 'deadline',
      createdAt: r.created_at!,
    }));
  }

  async claim(id: string, until: string, now: string): Promise<boolean> {
    return this.db
      .prepare(`UPDATE pending_replies SET claimed_until = @until WHERE id = @id AND status = 'pending' AND (claimed_until IS NULL OR claimed_until <= @now)`)
      .run({ id, until, now }).changes === 1;
  }

  async markDone(id: string, outcome: { status: 'delivered' | 'failed'; reason: string | null; at: string }): Promise<void> {
    // Only while pending: the first outcome stays (outcome_reason and done_at: migration 10).
    this.db
      .prepare(`UPDATE pending_replies SET status = @status, outcome_reason = @reason, done_at = @at WHERE id = @id AND status = 'pending'`)
      .run({ id, status: outcome.status, reason: outcome.reason, at: outcome.at });
  }
}
