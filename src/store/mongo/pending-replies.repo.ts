import { Schema, type Connection, type Model, type mongo } from 'mongoose';
import type { PendingReply, PendingReplyRepository } from '../../modules/messages';
import { aggregateSchemaOptions, isDuplicateKey, modelOn } from './documents';

const MODEL = 'PendingReply';

type PendingReplyDoc = {
  _id: string;
  appId: string;
  openid: string;
  inboundKey: string;
  /**
   * The reply as JSON text, as SQLite keeps it: the reply is whatever the handler produced
   * (`unknown` to the store), and a JSON round trip is the one the send path already expects
   * (no BSON conversion of its undefined fields, dates or key names beginning with `$`).
   */
  reply: string;
  reason: 'deadline';
  /** 'pending' until the customer-service API delivers it (the SQLite column, same default); then delivered or failed. */
  status: string;
  createdAt: string;
  /** Set by markDone: why it failed (null when delivered), and when it ended. Absent while pending. */
  outcomeReason?: string | null;
  doneAt?: string | null;
  /** A delivery run holds it until then (claim). */
  claimedUntil?: string | null;
};

export const pendingReplySchema = new Schema<PendingReplyDoc>(
  {
    _id: { type: String, required: true },
    appId: { type: String, required: true },
    openid: { type: String, required: true },
    inboundKey: { type: String, required: true },
    reply: { type: String, required: true },
    reason: { type: String, required: true },
    status: { type: String, required: true, default: 'pending' },
    createdAt: { type: String, required: true },
    outcomeReason: { type: String, default: null },
    doneAt: { type: String, default: null },
    claimedUntil: { type: String, default: null },
  },
  aggregateSchemaOptions('pending_replies'),
);
// listPending: an account's replies still pending, in id order.
pendingReplySchema.index({ appId: 1, status: 1, _id: 1 });

/** Replies the webhook could not give within its budget, waiting for the customer-service API. */
export class MongoPendingReplyRepository implements PendingReplyRepository {
  private readonly model: Model<PendingReplyDoc>;

  constructor(connection: Connection) {
    this.model = modelOn<PendingReplyDoc>(connection, MODEL, pendingReplySchema);
  }

  async insert(r: PendingReply): Promise<void> {
    const doc: PendingReplyDoc = {
      _id: r.id, appId: r.appId, openid: r.openid, inboundKey: r.inboundKey, reply: JSON.stringify(r.reply), reason: r.reason,
      status: 'pending', createdAt: r.createdAt,
    };
    try {
      // The driver's insertOne, as the message log: mongoose's `required` would refuse the empty
      // strings SQLite's NOT NULL columns take.
      const collection = this.model.collection as unknown as mongo.Collection<PendingReplyDoc>; // mongoose types _id as ObjectId
      await collection.insertOne(doc);
    } catch (err) {
      // Insert or ignore, as in SQLite: a retried callback's reply is already waiting; the first one stays.
      if (!isDuplicateKey(err)) throw err;
    }
  }

  async listPending(appId: string, limit: number): Promise<PendingReply[]> {
    // SQLite's LIMIT: 0 gives nothing, a negative limit gives everything (Mongo's 0 means "no limit").
    if (limit === 0) return [];
    const docs = await this.model
      .find({ appId, status: 'pending' })
      .sort({ _id: 1 })
      .limit(Math.max(limit, 0))
      .lean<PendingReplyDoc[]>();
    return docs.map(fromDoc);
  }

  async claim(id: string, until: string, now: string): Promise<boolean> {
    const result = await this.model.updateOne(
      { _id: id, status: 'pending', $or: [{ claimedUntil: null }, { claimedUntil: { $lte: now } }] },
      { $set: { claimedUntil: until } },
    );
    return result.modifiedCount === 1;
  }

  async markDone(id: string, outcome: { status: 'delivered' | 'failed'; reason: string | null; at: string }): Promise<void> {
    // Compare-and-set in the filter: only while pending, so the first outcome stays.
    await this.model.updateOne({ _id: id, status: 'pending' }, { $set: { status: outcome.status, outcomeReason: outcome.reason, doneAt: outcome.at } });
  }
}

function fromDoc(d: PendingReplyDoc): PendingReply {
  return {
    id: d._id, appId: d.appId, openid: d.openid, inboundKey: d.inboundKey, reply: JSON.parse(d.reply) as unknown,
    reason: 'deadline', createdAt: d.createdAt,
  };
}
