import { Schema, type Connection, type Model } from 'mongoose';
import type { Reminder, ReminderRepository } from '../../modules/housekeeping';
import { aggregateSchemaOptions, insertIfNew, modelOn } from './documents';

/**
 * A reminder given. Its identity is compound (appId, kind, key), so _id stays the driver's
 * ObjectId and a unique index holds the identity.
 */
interface ReminderDoc {
  appId: string;
  kind: Reminder['kind'];
  key: string;
  message: string;
  createdAt: string;
}

export const REMINDER_MODEL = 'Reminder';

export const reminderSchema = new Schema<ReminderDoc>(
  {
    appId: { type: String, required: true },
    kind: { type: String, required: true },
    key: { type: String, required: true },
    message: { type: String, required: true },
    createdAt: { type: String, required: true },
  },
  aggregateSchemaOptions('reminders'),
);
// add: each reminder once. The unique key refuses a second insert, however many instances race.
reminderSchema.index({ appId: 1, kind: 1, key: 1 }, { unique: true });
// list without an account: newest first, key breaking ties.
reminderSchema.index({ createdAt: -1, key: -1 });
// list of one account: the same order.
reminderSchema.index({ appId: 1, createdAt: -1, key: -1 });

/** Reminders given, in MongoDB; the unique (appId, kind, key) index makes each one once. */
export class MongoReminderRepository implements ReminderRepository {
  private readonly model: Model<ReminderDoc>;

  constructor(connection: Connection) {
    this.model = modelOn<ReminderDoc>(connection, REMINDER_MODEL, reminderSchema);
  }

  async add(r: Reminder): Promise<boolean> {
    // False: given already (by this instance earlier or another one just now), not this call's to give.
    return insertIfNew(this.model, { appId: r.appId, kind: r.kind, key: r.key, message: r.message, createdAt: r.createdAt });
  }

  async list(query: { appId?: string; limit: number }): Promise<Reminder[]> {
    // MongoDB reads a limit of 0 as "no limit"; SQLite's LIMIT 0 gives nothing. (The service asks 1..1000.)
    if (query.limit < 1) return [];
    const filter = query.appId === undefined ? {} : { appId: query.appId };
    const docs = await this.model.find(filter).sort({ createdAt: -1, key: -1 }).limit(query.limit).lean<ReminderDoc[]>();
    return docs.map((d) => ({ appId: d.appId, kind: d.kind, key: d.key, message: d.message, createdAt: d.createdAt }));
  }
}
