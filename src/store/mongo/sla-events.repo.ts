import { Schema, type Connection, type Model } from 'mongoose';
import type { SlaEvent } from '../../modules/customer-service/customer-service';
import type { SlaEventRepository } from '../../modules/customer-service/customer-service.ports';
import { aggregateSchemaOptions, insertIfNew, modelOn, requiredString } from './documents';

type SlaEventDoc = Omit<SlaEvent, 'id'> & { _id: string };

export const SLA_EVENT_MODEL = 'SlaEvent';


export const slaEventSchema = new Schema<SlaEventDoc>(
  {
    _id: requiredString, appId: requiredString, conversationId: requiredString, kind: requiredString, waitingSince: requiredString, dueAt: requiredString,
    agentId: { type: String, default: null }, firedAt: requiredString,
  },
  aggregateSchemaOptions('sla_events'),
);
// record: the once-only claim, one warning and one breach per waiting message.
slaEventSchema.index({ conversationId: 1, kind: 1, waitingSince: 1 }, { unique: true });
// list: an account's marks by firing time (the monthly report).
slaEventSchema.index({ appId: 1, firedAt: 1 });

/**
 * SLA marks in MongoDB. The unique index on (conversationId, kind, waitingSince) makes `record` the
 * once-only claim: of any number of sweepers, in any number of processes, one insertOne succeeds.
 */
export class MongoSlaEventRepository implements SlaEventRepository {
  private readonly model: Model<SlaEventDoc>;

  constructor(connection: Connection) {
    this.model = modelOn<SlaEventDoc>(connection, SLA_EVENT_MODEL, slaEventSchema);
  }

  async record(event: SlaEvent): Promise<boolean> {
    const { id, ...rest } = event;
    return insertIfNew(this.model, { _id: id, ...rest });
  }

  async list(appId: string, since: string, until: string): Promise<SlaEvent[]> {
    const docs = await this.model.find({ appId, firedAt: { $gte: since, $lt: until } }).sort({ firedAt: 1, _id: 1 }).lean<SlaEventDoc[]>();
    return docs.map((d) => ({
      id: d._id, appId: d.appId, conversationId: d.conversationId, kind: d.kind, waitingSince: d.waitingSince,
      dueAt: d.dueAt, agentId: d.agentId ?? null, firedAt: d.firedAt,
    }));
  }
}
