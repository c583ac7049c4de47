import { Schema, type Connection, type Model } from 'mongoose';
import type { Campaign, CampaignQuery, CampaignRepository, CampaignResults, CampaignState } from '../../modules/broadcast';
import { ConflictError } from '../../shared/errors';
import { aggregateSchemaOptions, isDuplicateKey, modelOn, nullableString, subSchema } from './documents';

/** A campaign as stored: the campaign id is the _id, every other field as the domain names it. */
type CampaignDoc = Omit<Campaign, 'id'> & { _id: string };

export const CAMPAIGN_MODEL = 'Campaign';

const counts = { totalCount: Number, filterCount: Number, sentCount: Number, errorCount: Number, copyrightCheckState: Number };

export const campaignSchema = new Schema<CampaignDoc>(
  {
    _id: { type: String, required: true },
    appId: { type: String, required: true },
    name: { type: String, required: true },
    // Unions over `type`, `kind` and slot-or-instant: Mixed, written as the domain shapes them.
    content: { type: Schema.Types.Mixed, required: true },
    audience: { type: Schema.Types.Mixed, required: true },
    sendTime: { type: Schema.Types.Mixed, default: null },
    state: { type: String, required: true },
    clientMsgId: { type: String, required: true },
    preview: { type: subSchema({ sentAt: String, openids: [String], wechatIds: [String] }), default: null },
    confirmation: { type: subSchema({ by: String, at: String }), default: null },
    dueAt: nullableString,
    attempts: { type: Number, required: true },
    firstAttemptAt: nullableString,
    leaseUntil: nullableString,
    msgId: nullableString,
    msgDataId: nullableString,
    sentAt: nullableString,
    reason: nullableString,
    results: { type: subSchema({ status: String, ...counts, finishedAt: String }), default: null },
    createdBy: { type: String, required: true },
    createdAt: { type: String, required: true },
    updatedAt: { type: String, required: true },
  },
  aggregateSchemaOptions('campaigns'),
);
// list, countQuotaSends: an account's campaigns by due time.
campaignSchema.index({ appId: 1, dueAt: 1 });
// due, nextWakeAt: scheduled campaigns by due time…
campaignSchema.index({ state: 1, dueAt: 1 });
// …and sending ones by the end of their lease (a dead worker's send to take over).
campaignSchema.index({ state: 1, leaseUntil: 1 });
// findByMsgId: MASSSENDJOBFINISH names the send by msg_id only.
campaignSchema.index({ appId: 1, msgId: 1 });
// lastSentAt: the newest sent campaign of an account.
campaignSchema.index({ appId: 1, state: 1, sentAt: -1 });

/**
 * Campaigns in MongoDB. Every write is one operation on one document, which MongoDB applies
 * atomically: `transition` puts the whole precondition (state, lease) in the filter of one
 * updateOne, so of two workers racing for a send exactly one matches.
 *
 * Instants are `Date#toISOString()` strings, one fixed format, so the range filters and sorts on them
 * below are in time order (as the SQLite adapter's comparisons are).
 */
export class MongoCampaignRepository implements CampaignRepository {
  private readonly model: Model<CampaignDoc>;

  constructor(connection: Connection) {
    this.model = modelOn<CampaignDoc>(connection, CAMPAIGN_MODEL, campaignSchema);
  }

  async insert(campaign: Campaign): Promise<void> {
    const { id, ...rest } = plain(campaign);
    try {
      await this.model.insertOne({ _id: id, ...rest });
    } catch (err) {
      if (isDuplicateKey(err)) throw new ConflictError(`a campaign with id ${campaign.id} already exists`, { id: campaign.id });
      throw err;
    }
  }

  async get(id: string): Promise<Campaign | null> {
    const doc = await this.model.findById(id).lean<CampaignDoc>();
    return doc ? fromDoc(doc) : null;
  }

  async list(q: CampaignQuery): Promise<Campaign[]> {
    // A campaign never scheduled is placed by its creation time. MongoDB cannot sort on "dueAt or
    // createdAt" without an aggregation, so the filter spells both cases out and the (one account's,
    // few) matches are ordered here, by the same text comparison SQLite's ORDER BY makes.
    const range = { ...(q.since !== undefined && { $gte: q.since }), ...(q.until !== undefined && { $lt: q.until }) };
    const inRange = Object.keys(range).length === 0 ? {} : { $or: [{ dueAt: range }, { dueAt: null, createdAt: range }] };
    const docs = await this.model.find({ appId: q.appId, ...(q.state !== undefined && { state: q.state }), ...inRange }).lean<CampaignDoc[]>();
    const when = (c: Campaign): string => c.dueAt ?? c.createdAt;
    return docs.map(fromDoc).sort((a, b) => cmp(when(a), when(b)) || cmp(a.id, b.id));
  }

  async transition(id: string, from: CampaignState, patch: Partial<Campaign>, leaseExpiredBefore?: string): Promise<boolean> {
    const filter = {
      _id: id,
      state: from,
      ...(leaseExpiredBefore !== undefined && { $or: [{ leaseUntil: null }, { leaseUntil: { $lte: leaseExpiredBefore } }] }),
    };
    // The id never changes, and a field the patch leaves undefined keeps its value (plain() drops it).
    const { id: _id, ...changes } = plain(patch);
    // Nothing to write: the answer is whether the precondition holds (mongoose would skip an empty update).
    if (Object.keys(changes).length === 0) return (await this.model.exists(filter)) !== null;
    return (await this.model.updateOne(filter, { $set: changes })).matchedCount === 1;
  }

  async due(now: string, limit: number): Promise<Campaign[]> {
    const docs = await this.model
      .find({ $or: [{ state: 'scheduled', dueAt: { $lte: now } }, { state: 'sending', leaseUntil: { $lte: now } }] })
      .sort({ dueAt: 1, _id: 1 })
      .limit(limit)
      .lean<CampaignDoc[]>();
    return docs.map(fromDoc);
  }

  async nextWakeAt(): Promise<string | null> {
    // Two index lookups, (state, dueAt) and (state, leaseUntil), then the earlier of the two.
    const [scheduled, sending] = await Promise.all([
      this.model.findOne({ state: 'scheduled', dueAt: { $ne: null } }, { dueAt: 1 }).sort({ dueAt: 1 }).lean<Pick<CampaignDoc, 'dueAt'>>(),
      this.model.findOne({ state: 'sending', leaseUntil: { $ne: null } }, { leaseUntil: 1 }).sort({ leaseUntil: 1 }).lean<Pick<CampaignDoc, 'leaseUntil'>>(),
    ]);
    const times = [scheduled?.dueAt, sending?.leaseUntil].filter((t): t is string => typeof t === 'string');
    return times.sort(cmp)[0] ?? null;
  }

  async findByMsgId(appId: string, msgId: string): Promise<Campaign | null> {
    const doc = await this.model.findOne({ appId, msgId }).sort({ createdAt: 1, _id: 1 }).lean<CampaignDoc>();
    return doc ? fromDoc(doc) : null;
  }

  async countQuotaSends(appId: string, since: string, until: string, excludeId: string): Promise<number> {
    return this.model.countDocuments({
      appId,
      _id: { $ne: excludeId },
      state: { $in: ['scheduled', 'sending', 'sent'] },
      'audience.kind': { $in: ['all', 'tag'] },
      dueAt: { $gte: since, $lt: until },
    });
  }

  async lastSentAt(appId: string): Promise<string | null> {
    const doc = await this.model
      .findOne({ appId, state: 'sent', sentAt: { $ne: null } }, { sentAt: 1 })
      .sort({ sentAt: -1 })
      .lean<Pick<CampaignDoc, 'sentAt'>>();
    return doc?.sentAt ?? null;
  }

  /** No compare: the finish event is the last word on a send, whatever state the document is in. */
  async saveResults(id: string, results: CampaignResults, state: CampaignState, reason: string | null): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: plain({ results, state, reason }) });
  }
}

/**
 * A JSON copy, as SQLite stores the campaign: an undefined field is left out at any depth (BSON
 * would write it as null, and the campaign would not come back as it went in).
 */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function fromDoc(d: CampaignDoc): Campaign {
  return {
    id: d._id,
    appId: d.appId,
    name: d.name,
    content: d.content,
    audience: d.audience,
    state: d.state,
    clientMsgId: d.clientMsgId,
    preview: d.preview ? { sentAt: d.preview.sentAt, openids: d.preview.openids, wechatIds: d.preview.wechatIds } : null,
    confirmation: d.confirmation ? { by: d.confirmation.by, at: d.confirmation.at } : null,
    sendTime: d.sendTime ?? null,
    dueAt: d.dueAt ?? null,
    attempts: d.attempts,
    firstAttemptAt: d.firstAttemptAt ?? null,
    leaseUntil: d.leaseUntil ?? null,
    msgId: d.msgId ?? null,
    msgDataId: d.msgDataId ?? null,
    sentAt: d.sentAt ?? null,
    reason: d.reason ?? null,
    results: d.results ? resultsFromDoc(d.results) : null,
    createdBy: d.createdBy,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

function resultsFromDoc(r: CampaignResults): CampaignResults {
  const count = (n: number | null | undefined): number | null => n ?? null;
  return {
    status: r.status, totalCount: count(r.totalCount), filterCount: count(r.filterCount), sentCount: count(r.sentCount),
    errorCount: count(r.errorCount), copyrightCheckState: count(r.copyrightCheckState), finishedAt: r.finishedAt,
  };
}
