import { ConflictError } from '../../shared/errors';
import { definedOnly } from '../../shared/field-problems';
import { lastActivityAt } from './conversation-change';
import type { Conversation, SlaEvent, ThreadEntry } from './customer-service';
import type { ConversationQuery, ConversationRepository, SlaEventRepository } from './customer-service.ports';

/**
 * The conversation and SLA-mark ports in Maps, for unit tests and nothing else (they forget on
 * restart and know one process). Copies in and out, so a caller mutating a result cannot change the
 * store. Every check and its write happen without an await between them, so racing calls see each
 * other as they would through a unique index or a compare-and-set filter. Instants are
 * `Date#toISOString()` strings: comparing them as text is time order, as in the real stores.
 */
export class MemoryConversationRepository implements ConversationRepository {
  private readonly rows = new Map<string, Conversation>();
  private readonly entries = new Map<string, ThreadEntry[]>();

  async insert(conversation: Conversation): Promise<void> {
    if (this.rows.has(conversation.id)) throw new ConflictError(`a conversation with id ${conversation.id} already exists`, { id: conversation.id });
    this.assertOnlyOpen(conversation);
    this.rows.set(conversation.id, copy(conversation));
  }

  async get(id: string): Promise<Conversation | null> {
    const c = this.rows.get(id);
    return c ? copy(c) : null;
  }

  async findOpen(appId: string, openid: string): Promise<Conversation | null> {
    const c = [...this.rows.values()].find((r) => r.appId === appId && r.openid === openid && r.state !== 'closed');
    return c ? copy(c) : null;
  }

  async update(id: string, expectedUpdatedAt: string, patch: Partial<Omit<Conversation, 'id' | 'appId' | 'openid'>>): Promise<boolean> {
    const c = this.rows.get(id);
    if (!c || c.updatedAt !== expectedUpdatedAt) return false;
    const next = { ...c, ...definedOnly(patch), id: c.id, appId: c.appId, openid: c.openid };
    this.assertOnlyOpen(next);
    this.rows.set(id, copy(next));
    return true;
  }

  async list(q: ConversationQuery): Promise<Conversation[]> {
    return [...this.rows.values()]
      .filter((c) => (q.appId === undefined || c.appId === q.appId) && (q.agentId === undefined || c.agentId === q.agentId))
      .filter((c) => q.states === undefined || q.states.includes(c.state))
      .filter((c) => q.dueBefore === undefined || (c.dueAt !== null && c.dueAt < q.dueBefore))
      .filter((c) => q.breached === undefined || (c.breaches > 0) === q.breached)
      .filter((c) => (q.openedSince === undefined || c.openedAt >= q.openedSince) && (q.openedUntil === undefined || c.openedAt < q.openedUntil))
      .sort((a, b) => cmp(b.openedAt, a.openedAt) || cmp(b.id, a.id))
      .slice(0, q.limit)
      .map(copy);
  }

  async slaDue(now: string, limit: number): Promise<Conversation[]> {
    return [...this.rows.values()]
      .filter((c) => c.state !== 'closed' && c.warnAt !== null && c.warnAt <= now)
      .sort((a, b) => cmp(a.warnAt!, b.warnAt!) || cmp(a.id, b.id))
      .slice(0, limit)
      .map(copy);
  }

  async idleSince(before: string, limit: number): Promise<Conversation[]> {
    return [...this.rows.values()]
      .filter((c) => c.state !== 'closed' && lastActivityAt(c) < before)
      .sort((a, b) => cmp(lastActivityAt(a), lastActivityAt(b)) || cmp(a.id, b.id))
      .slice(0, limit)
      .map(copy);
  }

  async loads(): Promise<Record<string, number>> {
    const loads: Record<string, number> = {};
    for (const c of this.rows.values()) if (c.state !== 'closed' && c.agentId !== null) loads[c.agentId] = (loads[c.agentId] ?? 0) + 1;
    return loads;
  }

  async appendEntry(entry: ThreadEntry): Promise<boolean> {
    const thread = this.entries.get(entry.conversationId) ?? [];
    if (thread.some((e) => e.id === entry.id || (entry.msgId !== null && e.msgId === entry.msgId))) return false;
    this.entries.set(entry.conversationId, [...thread, { ...entry }]);
    return true;
  }

  async thread(conversationId: string, limit: number): Promise<ThreadEntry[]> {
    return [...(this.entries.get(conversationId) ?? [])]
      .sort((a, b) => cmp(a.at, b.at) || cmp(a.id, b.id))
      .slice(0, limit)
      .map((e) => ({ ...e }));
  }

  /** What the stores' partial unique index on (appId, openid) enforces. */
  private assertOnlyOpen(c: Conversation): void {
    if (c.state === 'closed') return;
    const other = [...this.rows.values()].find((r) => r.id !== c.id && r.appId === c.appId && r.openid === c.openid && r.state !== 'closed');
    if (other) throw new ConflictError('the follower already has an open conversation with this account', { id: other.id });
  }
}

export class MemorySlaEventRepository implements SlaEventRepository {
  private readonly events = new Map<string, SlaEvent>();

  async record(event: SlaEvent): Promise<boolean> {
    const key = `${event.conversationId}\u0000${event.kind}\u0000${event.waitingSince}`;
    if (this.events.has(key) || [...this.events.values()].some((e) => e.id === event.id)) return false;
    this.events.set(key, { ...event });
    return true;
  }

  async list(appId: string, since: string, until: string): Promise<SlaEvent[]> {
    return [...this.events.values()]
      .filter((e) => e.appId === appId && e.firedAt >= since && e.firedAt < until)
      .sort((a, b) => cmp(a.firedAt, b.firedAt) || cmp(a.id, b.id))
      .map((e) => ({ ...e }));
  }
}

const copy = (c: Conversation): Conversation => ({ ...c });
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/** A field the patch leaves undefined keeps its value, as in the stores. */
