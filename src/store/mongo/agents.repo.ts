import { Schema, type Connection, type Model } from 'mongoose';
import type { Agent, AgentStatus } from '../../modules/customer-service/customer-service';
import type { AgentRepository } from '../../modules/customer-service/customer-service.ports';
import { aggregateSchemaOptions, modelOn } from './documents';

/** An agent as stored: the agent id is the _id, every other field as the domain names it. */
type AgentDoc = Omit<Agent, 'id'> & { _id: string };

export const AGENT_MODEL = 'Agent';

export const agentSchema = new Schema<AgentDoc>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    appIds: { type: [String], required: true },
    skills: { type: [String], required: true },
    maxLoad: { type: Number, required: true },
    status: { type: String, required: true },
    kfAccount: { type: String, default: null },
    lastAssignedAt: { type: String, default: null },
    createdAt: { type: String, required: true },
    updatedAt: { type: String, required: true },
  },
  aggregateSchemaOptions('agents'),
);
// list(appId): the agents serving an account (a multikey index over appIds), in id order.
agentSchema.index({ appIds: 1, _id: 1 });

/**
 * Customer-service agents in MongoDB. setStatus and markAssigned each $set their own fields in one
 * updateOne, so a status change and a routing mark never overwrite each other.
 */
export class MongoAgentRepository implements AgentRepository {
  private readonly model: Model<AgentDoc>;

  constructor(connection: Connection) {
    this.model = modelOn<AgentDoc>(connection, AGENT_MODEL, agentSchema);
  }

  async save(agent: Agent): Promise<void> {
    const { id, ...rest } = agent;
    await this.model.replaceOne({ _id: id }, { _id: id, ...rest }, { upsert: true });
  }

  async get(id: string): Promise<Agent | null> {
    const doc = await this.model.findById(id).lean<AgentDoc>();
    return doc ? fromDoc(doc) : null;
  }

  async list(appId?: string): Promise<Agent[]> {
    const docs = await this.model.find(appId === undefined ? {} : { appIds: appId }).sort({ _id: 1 }).lean<AgentDoc[]>();
    return docs.map(fromDoc);
  }

  async remove(id: string): Promise<boolean> {
    return (await this.model.deleteOne({ _id: id })).deletedCount > 0;
  }

  async setStatus(id: string, status: AgentStatus, at: string): Promise<boolean> {
    return (await this.model.updateOne({ _id: id }, { $set: { status, updatedAt: at } })).matchedCount === 1;
  }

  /** Bookkeeping for round-robin, not an edit of the agent: updatedAt stays. */
  async markAssigned(id: string, at: string): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { lastAssignedAt: at } });
  }
}

function fromDoc(d: AgentDoc): Agent {
  return {
    id: d._id,
    name: d.name,
    appIds: [...d.appIds],
    skills: [...d.skills],
    maxLoad: d.maxLoad,
    status: d.status,
    kfAccount: d.kfAccount ?? null,
    lastAssignedAt: d.lastAssignedAt ?? null,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}
