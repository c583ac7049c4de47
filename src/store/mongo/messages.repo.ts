import { Schema, type Connection, type Model, type mongo } from 'mongoose';
import type { LoggedMessage, MessagePage, MessageQuery, MessageRepository } from '../../modules/messages';
import { parseXml } from '../../wechat';
import { aggregateSchemaOptions, isDuplicateKey, modelOn, nullableString } from './documents';

export const MESSAGE_MODEL = 'Message';

/** One message of the log. `_id` is the message id: sortable, later messages have larger ids (newMessageId). */
export type MessageDoc = {
  _id: string;
  appId: string;
  direction: 'in' | 'out';
  openid: string;
  type: string;
  event: string | null;
  createdAt: string;
  xml: string;
  /** The passive reply given to this message, on its row (as in SQLite): null when none. */
  replyType: string | null;
  replyXml: string | null;
  /**
   * The EventKey of an inbound CLICK/VIEW menu event, read from the XML once at insert, so the menu
   * tap counts (menu-stats.repo.ts) group inside MongoDB instead of parsing every XML on each
   * report as the SQLite adapter does. Null for every other message, and when the XML has none.
   */
  eventKey: string | null;
};


export const messageSchema = new Schema<MessageDoc>(
  {
    _id: { type: String, required: true },
    appId: { type: String, required: true },
    direction: { type: String, required: true, enum: ['in', 'out'] },
    openid: { type: String, required: true },
    type: { type: String, required: true },
    event: nullableString,
    createdAt: { type: String, required: true },
    xml: { type: String, required: true },
    replyType: nullableString,
    replyXml: nullableString,
    eventKey: nullableString,
  },
  aggregateSchemaOptions('messages'),
);
// list: an account's log newest first by id, paged by an id cursor; also the menu tap counts' id range.
messageSchema.index({ appId: 1, _id: -1 });
// list with openid: one follower's conversation, newest first.
messageSchema.index({ appId: 1, openid: 1, _id: -1 });
// list with since/until: a time window of an account's log.
messageSchema.index({ appId: 1, createdAt: 1 });

/** The model of the `messages` collection on this connection (shared with the menu tap counter). */
export function messageModel(connection: Connection): Model<MessageDoc> {
  return modelOn<MessageDoc>(connection, MESSAGE_MODEL, messageSchema);
}

/** The message log in MongoDB. A batch is one unordered bulk insert; the ids already stored are skipped. */
export class MongoMessageRepository implements MessageRepository {
  private readonly model: Model<MessageDoc>;

  constructor(connection: Connection) {
    this.model = messageModel(connection);
  }

  async insertMany(items: readonly LoggedMessage[]): Promise<void> {
    if (items.length === 0) return;
    // "Insert or ignore" by id, as in SQLite: a retried batch (the log retries a failed one) must
    // neither duplicate a message nor fail on the ones that got in. Unordered, so one duplicate does
    // not stop the rest; any error other than a duplicate key still fails the batch (then retried).
    try {
      // The driver's insertMany: mongoose's would skip a document failing its `required` (an empty
      // string, which SQLite's NOT NULL takes) silently when unordered.
      const collection = this.model.collection as unknown as mongo.Collection<MessageDoc>; // mongoose types _id as ObjectId
      await collection.insertMany(items.map(toDoc), { ordered: false });
    } catch (err) {
      if (!onlyDuplicateKeys(err)) throw err;
    }
  }

  async list(q: MessageQuery): Promise<MessagePage> {
    // SQLite's LIMIT: 0 gives nothing, a negative limit gives everything (Mongo's 0 means "no limit").
    if (q.limit === 0) return { items: [], nextCursor: null };
    const filter: Record<string, unknown> = { appId: q.appId };
    if (q.openid !== undefined) filter.openid = q.openid;
    if (q.type !== undefined) filter.$or = [{ type: q.type }, { replyType: q.type }];
    if (q.since !== undefined || q.until !== undefined) {
      filter.createdAt = { ...(q.since !== undefined && { $gte: q.since }), ...(q.until !== undefined && { $lt: q.until }) };
    }
    if (q.cursor !== undefined) filter._id = q.cursorInclusive ? { $lte: q.cursor } : { $lt: q.cursor };
    const docs = await this.model
      .find(filter)
      .sort({ _id: -1 })
      .limit(Math.max(q.limit, 0))
      .lean<MessageDoc[]>();
    // Rows, not log entries: MessageLog.list turns each into its message and reply entries and pages them.
    return { items: docs.map(fromDoc), nextCursor: null };
  }
}

function toDoc(m: LoggedMessage): MessageDoc {
  return {
    _id: m.id, appId: m.appId, direction: m.direction, openid: m.openid, type: m.type, event: m.event, createdAt: m.createdAt,
    xml: m.xml, replyType: m.reply?.type ?? null, replyXml: m.reply?.xml ?? null, eventKey: menuEventKey(m),
  };
}

function fromDoc(d: MessageDoc): LoggedMessage {
  return {
    id: d._id, appId: d.appId, direction: d.direction, openid: d.openid, type: d.type, event: d.event, createdAt: d.createdAt, xml: d.xml,
    reply: d.replyType !== null && d.replyXml !== null ? { type: d.replyType, xml: d.replyXml } : null,
  };
}

/**
 * What SqliteMenuEventCounter reads from the XML of the messages it counts (inbound CLICK/VIEW
 * events): the EventKey text, or null when the XML is unreadable or has none.
 */
function menuEventKey(m: LoggedMessage): string | null {
  if (m.direction !== 'in' || m.type !== 'event' || (m.event !== 'CLICK' && m.event !== 'VIEW')) return null;
  try {
    const key = parseXml(m.xml).EventKey;
    return typeof key === 'string' && key !== '' ? key : null;
  } catch {
    return null;
  }
}

/** A bulk insert's failure that is nothing but ids already stored. */
function onlyDuplicateKeys(err: unknown): boolean {
  const writeErrors = (err as { writeErrors?: unknown }).writeErrors;
  const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  if (list.length === 0) return isDuplicateKey(err);
  const concern = (err as { writeConcernErrors?: unknown[] }).writeConcernErrors;
  return list.every(isDuplicateKey) && !(concern && concern.length > 0);
}
