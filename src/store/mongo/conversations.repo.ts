import { Schema, type Connection, type Model } from 'mongoose';
import { lastActivityAt } from '../../modules/customer-service/conversation-change';
import type { Conversation, ThreadEntry } from '../../modules/customer-service/customer-service';
import type { ConversationQuery, ConversationRepository } from '../../modules/customer-service/customer-service.ports';
import { ConflictError } from '../../shared/errors';
import { aggregateSchemaOptions, insertIfNew, isDuplicateKey, modelOn, nullableString, requiredString } from './documents';
import { definedOnly } from '../../shared/field-problems';

/**
 * A conversation as stored: the id is the _id, plus two fields derived on every write. `open`
 * (state ≠ closed) because a partial index can test equality but not $ne; `lastActivityAt`
 * (the later of lastFollowerAt and lastAgentAt) for idleSince.
 */
type ConversationDoc = Omit<Conversation, 'id'> & { _id: string; open: boolean; lastActivityAt: string };
type EntryDoc = Omit<ThreadEntry, 'id'> & { _id: string };
type Patch = Partial<Omit<Conversation, 'id' | 'appId' | 'openid'>>;

export const CONVERSATION_MODEL = 'Conversation';
export const THREAD_ENTRY_MODEL = 'ConversationEntry';

const anyString = { type: String };

export const conversationSchema = new Schema<ConversationDoc>(
  {
    _id: requiredString, appId: requiredString, openid: requiredString, state: requiredString, mode: requiredString, reason: requiredString, agentId: nullableString, kfAccount: nullableString,
    skillGroup: nullableString, openedAt: requiredString, assignedAt: nullableString, waitingSince: nullableString, dueAt: nullableString, warnAt: nullableString,
    firstResponseAt: nullableString, lastFollowerAt: requiredString, lastAgentAt: nullableString, closedAt: nullableString, closedBy: nullableString,
    breaches: { type: Number, required: true }, updatedAt: requiredString, open: { type: Boolean, required: true }, lastActivityAt: requiredString,
  },
  aggregateSchemaOptions('conversations'),
);
// insert, update: at most one open conversation per follower and account (two racing callbacks: one insert wins); findOpen.
conversationSchema.index({ appId: 1, openid: 1 }, { unique: true, partialFilterExpression: { open: true } });
// list: an account's conversations, newest opened first (inboxes, the monthly report).
conversationSchema.index({ appId: 1, openedAt: -1 });
// list by agent ("mine"); loads.
conversationSchema.index({ agentId: 1, openedAt: -1 });
// slaDue, the sweep's next wake: open conversations by their next SLA mark.
conversationSchema.index({ open: 1, warnAt: 1 });
// idleSince: open conversations by their last message either way.
conversationSchema.index({ open: 1, lastActivityAt: 1 });

export const threadEntrySchema = new Schema<EntryDoc>(
  {
    _id: requiredString, conversationId: requiredString, appId: requiredString, openid: requiredString, direction: requiredString, at: requiredString, kind: anyString, text: anyString,
    agentId: nullableString, msgId: nullableString,
  },
  aggregateSchemaOptions('conversation_entries'),
);
// appendEntry: a retried callback's MsgId joins a thread once (entries without one are never deduped).
threadEntrySchema.index({ conversationId: 1, msgId: 1 }, { unique: true, partialFilterExpression: { msgId: { $type: 'string' } } });
// thread: oldest first.
threadEntrySchema.index({ conversationId: 1, at: 1, _id: 1 });

/**
 * Conversations in MongoDB, their thread entries in a collection of their own (a thread grows
 * without bound; a document must not). Writes are single-document operations: `update` puts the
 * compare-and-set (updatedAt) in the filter of one updateOne, so of two racing writers one matches.
 * Instants are `Date#toISOString()` strings, so range filters and sorts on them are time order.
 */
export class MongoConversationRepository implements ConversationRepository {
  private readonly model: Model<ConversationDoc>;
  private readonly entries: Model<EntryDoc>;

  constructor(connection: Connection) {
    this.model = modelOn<ConversationDoc>(connection, CONVERSATION_MODEL, conversationSchema);
    this.entries = modelOn<EntryDoc>(connection, THREAD_ENTRY_MODEL, threadEntrySchema);
  }

  async insert(c: Conversation): Promise<void> {
    try {
      await this.model.insertOne(toDoc(c));
    } catch (err) {
      if (isDuplicateKey(err)) throw new ConflictError('the conversation exists, or the follower already has an open conversation with this account', { id: c.id });
      throw err;
    }
  }

  async get(id: string): Promise<Conversation | null> {
    const doc = await this.model.findById(id).lean<ConversationDoc>();
    return doc ? fromDoc(doc) : null;
  }

  async findOpen(appId: string, openid: string): Promise<Conversation | null> {
    const doc = await this.model.findOne({ appId, openid, open: true }).lean<ConversationDoc>();
    return doc ? fromDoc(doc) : null;
  }

  async update(id: string, expectedUpdatedAt: string, patch: Patch): Promise<boolean> {
    // The read only derives `open` and `lastActivityAt`; the filter's updatedAt makes the write a compare-and-set.
    const current = await this.get(id);
    if (!current || current.updatedAt !== expectedUpdatedAt) return false;
    const given = definedOnly(patch);
    const { _id, ...changes } = toDoc({ ...current, ...given, id });
    try {
      return (await this.model.updateOne({ _id: id, updatedAt: expectedUpdatedAt }, { $set: { ...given, open: changes.open, lastActivityAt: changes.lastActivityAt } })).matchedCount === 1;
    } catch (err) {
      if (isDuplicateKey(err)) throw new ConflictError('the follower already has an open conversation with this account', { id });
      throw err;
    }
  }

  async list(q: ConversationQuery): Promise<Conversation[]> {
    const opened = { ...(q.openedSince !== undefined && { $gte: q.openedSince }), ...(q.openedUntil !== undefined && { $lt: q.openedUntil }) };
    const filter = {
      ...(q.appId !== undefined && { appId: q.appId }),
      ...(q.agentId !== undefined && { agentId: q.agentId }),
      ...(q.states !== undefined && { state: { $in: [...q.states] } }),
      ...(q.dueBefore !== undefined && { dueAt: { $ne: null, $lt: q.dueBefore } }),
      ...(q.breached !== undefined && { breaches: q.breached ? { $gt: 0 } : 0 }),
      ...(Object.keys(opened).length > 0 && { openedAt: opened }),
    };
    return this.find(filter, { openedAt: -1, _id: -1 }, q.limit);
  }

  async slaDue(now: string, limit: number): Promise<Conversation[]> {
    return this.find({ open: true, warnAt: { $ne: null, $lte: now } }, { warnAt: 1, _id: 1 }, limit);
  }

  async idleSince(before: string, limit: number): Promise<Conversation[]> {
    return this.find({ open: true, lastActivityAt: { $lt: before } }, { lastActivityAt: 1, _id: 1 }, limit);
  }

  async loads(): Promise<Record<string, number>> {
    const groups = await this.model.aggregate<{ _id: string; n: number }>([
      { $match: { open: true, agentId: { $ne: null } } },
      { $group: { _id: '$agentId', n: { $sum: 1 } } },
    ]);
    return Object.fromEntries(groups.map((g) => [g._id, g.n]));
  }

  async appendEntry(entry: ThreadEntry): Promise<boolean> {
    const { id, ...rest } = entry;
    return insertIfNew(this.entries, { _id: id, ...rest });
  }

  async thread(conversationId: string, limit: number): Promise<ThreadEntry[]> {
    if (limit <= 0) return [];
    const docs = await this.entries.find({ conversationId }).sort({ at: 1, _id: 1 }).limit(limit).lean<EntryDoc[]>();
    return docs.map((d) => ({
      id: d._id, conversationId: d.conversationId, appId: d.appId, openid: d.openid, direction: d.direction, at: d.at,
      kind: d.kind, text: d.text, agentId: d.agentId ?? null, msgId: d.msgId ?? null,
    }));
  }

  private async find(filter: object, sort: Record<string, 1 | -1>, limit: number): Promise<Conversation[]> {
    // SQLite's LIMIT 0 gives nothing; Mongo's limit(0) would mean "no limit".
    if (limit <= 0) return [];
    const docs = await this.model.find(filter).sort(sort).limit(limit).lean<ConversationDoc[]>();
    return docs.map(fromDoc);
  }
}

function toDoc(c: Conversation): ConversationDoc {
  const { id, ...rest } = c;
  return { _id: id, ...rest, open: c.state !== 'closed', lastActivityAt: lastActivityAt(c) };
}

function fromDoc(d: ConversationDoc): Conversation {
  return {
    id: d._id, appId: d.appId, openid: d.openid, state: d.state, mode: d.mode, reason: d.reason, agentId: d.agentId ?? null,
    kfAccount: d.kfAccount ?? null, skillGroup: d.skillGroup ?? null, openedAt: d.openedAt, assignedAt: d.assignedAt ?? null,
    waitingSince: d.waitingSince ?? null, dueAt: d.dueAt ?? null, warnAt: d.warnAt ?? null, firstResponseAt: d.firstResponseAt ?? null,
    lastFollowerAt: d.lastFollowerAt, lastAgentAt: d.lastAgentAt ?? null, closedAt: d.closedAt ?? null, closedBy: d.closedBy ?? null,
    breaches: d.breaches, updatedAt: d.updatedAt,
  };
}
