import { Schema, type Connection, type Model } from 'mongoose';
import type { ServiceWindow, WindowTrigger } from '../../modules/customer-service/customer-service';
import type { ServiceWindowRepository } from '../../modules/customer-service/customer-service.ports';
import { aggregateSchemaOptions, isDuplicateKey, modelOn } from './documents';

const MODEL = 'ServiceWindow';

/**
 * A window as stored, plus `left` (limit − used), kept beside `used` by every write so that take's
 * condition is a plain `left > 0` in the filter (no $expr comparing two fields).
 */
type WindowDoc = ServiceWindow & { left: number };

export const serviceWindowSchema = new Schema<WindowDoc>(
  {
    appId: { type: String, required: true },
    openid: { type: String, required: true },
    trigger: { type: String, required: true },
    openedAt: { type: String, required: true },
    expiresAt: { type: String, required: true },
    limit: { type: Number, required: true },
    used: { type: Number, required: true },
    left: { type: Number, required: true },
  },
  aggregateSchemaOptions('service_windows'),
);
// One window per (account, follower): open's upsert, get, take and giveBack all find it by this key.
serviceWindowSchema.index({ appId: 1, openid: 1 }, { unique: true });

/**
 * Each follower's WeChat interaction window in MongoDB, one document per (account, follower).
 * Every write is one operation on one document, which MongoDB applies atomically: take puts the
 * whole condition (open, messages left) in the filter of one findOneAndUpdate with $inc, so of
 * concurrent takes no more than the limit match. Instants are `toISOString()` strings (time order).
 */
export class MongoServiceWindowRepository implements ServiceWindowRepository {
  private readonly model: Model<WindowDoc>;

  constructor(connection: Connection) {
    this.model = modelOn<WindowDoc>(connection, MODEL, serviceWindowSchema);
  }

  async open(w: ServiceWindow): Promise<void> {
    const doc = { ...fields(w), left: w.limit - w.used };
    // Replace unless the stored window is newer (an older trigger arriving late must not undo the
    // follower's latest interaction). When a newer one exists the filter misses, the upsert tries to
    // insert and the unique key refuses it: that refusal is the "keep the newer" answer. Tried twice
    // because two first opens racing also meet the unique key, and the loser must then replace.
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.model.updateOne({ appId: w.appId, openid: w.openid, openedAt: { $lte: w.openedAt } }, { $set: doc }, { upsert: true });
        return;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        if (attempt === 2) return;
      }
    }
  }

  async get(appId: string, openid: string): Promise<ServiceWindow | null> {
    const doc = await this.model.findOne({ appId, openid }).lean<WindowDoc>();
    return doc ? fromDoc(doc) : null;
  }

  async take(appId: string, openid: string, now: string): Promise<ServiceWindow | null> {
    const doc = await this.model
      .findOneAndUpdate({ appId, openid, left: { $gt: 0 }, expiresAt: { $gt: now } }, { $inc: { used: 1, left: -1 } }, { returnDocument: 'after' })
      .lean<WindowDoc>();
    return doc ? fromDoc(doc) : null;
  }

  async giveBack(appId: string, openid: string, openedAt: string): Promise<void> {
    await this.model.updateOne({ appId, openid, openedAt, used: { $gt: 0 } }, { $inc: { used: -1, left: 1 } });
  }
}

/** The domain's fields only, in a fresh object (never the caller's, never _id). */
function fields(w: ServiceWindow): ServiceWindow {
  return { appId: w.appId, openid: w.openid, trigger: w.trigger, openedAt: w.openedAt, expiresAt: w.expiresAt, limit: w.limit, used: w.used };
}

function fromDoc(d: WindowDoc): ServiceWindow {
  return fields({ ...d, trigger: d.trigger as WindowTrigger });
}
