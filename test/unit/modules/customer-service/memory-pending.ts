import type { PendingReply, PendingReplyRepository } from '../../../../src/modules/messages';

type Outcome = { status: 'delivered' | 'failed'; reason: string | null; at: string };

/** PendingReplyRepository in a Map for the deferred-reply tests (proven against the contract in memory-pending.test.ts). */
export class MemoryPendingReplyRepository implements PendingReplyRepository {
  readonly rows = new Map<string, { reply: PendingReply; outcome: Outcome | null }>();

  async insert(reply: PendingReply): Promise<void> {
    if (!this.rows.has(reply.id)) this.rows.set(reply.id, { reply: JSON.parse(JSON.stringify(reply)) as PendingReply, outcome: null });
  }

  async listPending(appId: string, limit: number): Promise<PendingReply[]> {
    if (limit === 0) return [];
    return [...this.rows.values()]
      .filter((r) => r.outcome === null && r.reply.appId === appId)
      .map((r) => structuredClone(r.reply))
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .slice(0, limit < 0 ? undefined : limit);
  }

  readonly claims = new Map<string, string>();

  async claim(id: string, until: string, now: string): Promise<boolean> {
    const row = this.rows.get(id);
    const held = this.claims.get(id);
    if (!row || row.outcome !== null || (held !== undefined && held > now)) return false;
    this.claims.set(id, until);
    return true;
  }

  async markDone(id: string, outcome: Outcome): Promise<void> {
    const row = this.rows.get(id);
    if (row && row.outcome === null) row.outcome = { ...outcome };
  }

  outcomeOf(id: string): Outcome | null | undefined {
    return this.rows.get(id)?.outcome;
  }
}
