import { Schema, type Connection, type Model } from 'mongoose';
import { DEFAULT_PUSH_SCHEDULE, type AccountType, type EncryptionMode, type PushSchedule } from '../../modules/accounts/accounts';
import type { AccountRepository, StoredAccount } from '../../modules/accounts/accounts.ports';
import { ConflictError, NotFoundError } from '../../shared/errors';
import { aggregateSchemaOptions, isDuplicateKey, modelOn } from './documents';

/** An account as stored: the appId is the document's _id, secrets only as the sealed blob. */
interface AccountDoc {
  _id: string;
  originalId: string | null;
  name: string;
  type: string;
  verified: boolean;
  encryptionMode: string;
  timeZone: string;
  certificationExpiresAt: string | null;
  /** Absent on documents written before it existed: read as the defaults. */
  pushSchedule?: PushSchedule;
  sealedSecrets: string;
  createdAt: string;
  updatedAt: string;
}

export const ACCOUNT_MODEL = 'Account';

/** No secondary index: every query is by appId (the _id) or lists the few accounts in _id order. */
export const accountSchema = new Schema<AccountDoc>(
  {
    _id: { type: String, required: true },
    originalId: { type: String, default: null },
    name: { type: String, required: true },
    type: { type: String, required: true },
    verified: { type: Boolean, required: true },
    encryptionMode: { type: String, required: true },
    timeZone: { type: String, required: true },
    certificationExpiresAt: { type: String, default: null },
    pushSchedule: { type: new Schema({ slots: [String], warnAfterDays: Number, alertAfterDays: Number }, { _id: false, strict: 'throw' }) },
    sealedSecrets: { type: String, required: true },
    createdAt: { type: String, required: true },
    updatedAt: { type: String, required: true },
  },
  aggregateSchemaOptions('accounts'),
);

/** Accounts in MongoDB. Secrets arrive already sealed; this file never sees them. */
export class MongoAccountRepository implements AccountRepository {
  private readonly model: Model<AccountDoc>;

  constructor(connection: Connection) {
    this.model = modelOn<AccountDoc>(connection, ACCOUNT_MODEL, accountSchema);
  }

  async insert(account: StoredAccount): Promise<void> {
    try {
      await this.model.insertOne(toDoc(account));
    } catch (err) {
      if (isDuplicateKey(err)) {
        throw new ConflictError(`an account with appId ${account.appId} already exists`, { appId: account.appId });
      }
      throw err;
    }
  }

  async update(account: StoredAccount): Promise<void> {
    // createdAt is set once, at insert; an update never rewrites it.
    const { _id, createdAt: _createdAt, ...changes } = toDoc(account);
    const result = await this.model.updateOne({ _id }, { $set: changes });
    if (result.matchedCount === 0) {
      throw new NotFoundError(`no account with appId ${account.appId}`, { appId: account.appId });
    }
  }

  async get(appId: string): Promise<StoredAccount | null> {
    const doc = await this.model.findById(appId).lean<AccountDoc>();
    return doc ? fromDoc(doc) : null;
  }

  async list(): Promise<StoredAccount[]> {
    const docs = await this.model.find().sort({ _id: 1 }).lean<AccountDoc[]>();
    return docs.map(fromDoc);
  }

  async remove(appId: string): Promise<boolean> {
    return (await this.model.deleteOne({ _id: appId })).deletedCount > 0;
  }
}

function toDoc(a: StoredAccount): AccountDoc {
  return {
    _id: a.appId,
    originalId: a.originalId,
    name: a.name,
    type: a.type,
    verified: a.verified,
    encryptionMode: a.encryptionMode,
    timeZone: a.timeZone,
    certificationExpiresAt: a.certificationExpiresAt,
    pushSchedule: a.pushSchedule,
    sealedSecrets: a.sealedSecrets,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

function fromDoc(d: AccountDoc): StoredAccount {
  return {
    appId: d._id,
    originalId: d.originalId ?? null,
    name: d.name,
    // The service validated these on the way in, as for SQLite.
    type: d.type as AccountType,
    verified: d.verified,
    encryptionMode: d.encryptionMode as EncryptionMode,
    timeZone: d.timeZone,
    certificationExpiresAt: d.certificationExpiresAt ?? null,
    pushSchedule: d.pushSchedule
      ? { slots: [...d.pushSchedule.slots], warnAfterDays: d.pushSchedule.warnAfterDays, alertAfterDays: d.pushSchedule.alertAfterDays }
      : { ...DEFAULT_PUSH_SCHEDULE, slots: [...DEFAULT_PUSH_SCHEDULE.slots] },
    sealedSecrets: d.sealedSecrets,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}
