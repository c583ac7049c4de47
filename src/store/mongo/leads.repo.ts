import { Schema, type Connection, type Model } from 'mongoose';
import type { Lead } from '../../modules/customer-service/customer-service';
import type { LeadRepository } from '../../modules/customer-service/customer-service.ports';
import { aggregateSchemaOptions, insertIfNew, modelOn, nullableString } from './documents';

/** A lead as stored: the lead id is the _id, every other field as the domain names it. */
type LeadDoc = Omit<Lead, 'id'> & { _id: string };

export const LEAD_MODEL = 'Lead';


export const leadSchema = new Schema<LeadDoc>(
  {
    _id: { type: String, required: true },
    appId: { type: String, required: true },
    openid: { type: String, required: true },
    kind: { type: String, required: true },
    value: { type: String, required: true },
    text: { type: String, required: true },
    at: { type: String, required: true },
    channel: nullableString,
    msgId: nullableString,
    forwardedAt: nullableString,
  },
  aggregateSchemaOptions('leads'),
);
// insert: each contact once per follower. The unique key refuses a second insert, however many
// instances race on a retried callback, so a lead is stored and forwarded once.
leadSchema.index({ appId: 1, openid: 1, kind: 1, value: 1 }, { unique: true });
// list, CSV export: an account's leads by time, newest first, the id breaking ties.
leadSchema.index({ appId: 1, at: -1, _id: -1 });

/**
 * Leads in MongoDB. Instants are `Date#toISOString()` strings, so the range filter and sort on them
 * are in time order (as the SQLite adapter's comparisons are).
 */
export class MongoLeadRepository implements LeadRepository {
  private readonly model: Model<LeadDoc>;

  constructor(connection: Connection) {
    this.model = modelOn<LeadDoc>(connection, LEAD_MODEL, leadSchema);
  }

  async insert(lead: Lead): Promise<boolean> {
    const { id, ...rest } = lead;
    // The id or the contact is there already (a retried callback, a repeated number): not new.
    return insertIfNew(this.model, { _id: id, ...rest });
  }

  async list(appId: string, q: { since?: string; until?: string; limit: number }): Promise<Lead[]> {
    // MongoDB reads a limit of 0 as "no limit"; SQLite's LIMIT 0 gives nothing.
    if (q.limit < 1) return [];
    const range = { ...(q.since !== undefined && { $gte: q.since }), ...(q.until !== undefined && { $lt: q.until }) };
    const filter = { appId, ...(Object.keys(range).length > 0 && { at: range }) };
    const docs = await this.model.find(filter).sort({ at: -1, _id: -1 }).limit(q.limit).lean<LeadDoc[]>();
    return docs.map(fromDoc);
  }

  async markForwarded(id: string, at: string): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { forwardedAt: at } });
  }
}

const fromDoc = (d: LeadDoc): Lead => ({
  id: d._id,
  appId: d.appId,
  openid: d.openid,
  kind: d.kind,
  value: d.value,
  text: d.text,
  at: d.at,
  channel: d.channel ?? null,
  msgId: d.msgId ?? null,
  forwardedAt: d.forwardedAt ?? null,
});
