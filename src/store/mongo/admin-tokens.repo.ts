import { Schema, type Connection, type Model } from 'mongoose';
import { isAdminRole } from '../../modules/admin-access/admin-access';
import type { AdminTokenRepository, StoredAdminToken } from '../../modules/admin-access/admin-access.ports';
import { ConflictError } from '../../shared/errors';
import { aggregateSchemaOptions, isDuplicateKey, modelOn } from './documents';

/** A token as stored: its id as the document's _id, the token itself only as its sha256 hash. */
interface AdminTokenDoc {
  _id: string;
  name: string;
  tokenHash: string;
  role: string;
  createdAt: string;
}

export const ADMIN_TOKEN_MODEL = 'AdminToken';

export const adminTokenSchema = new Schema<AdminTokenDoc>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    tokenHash: { type: String, required: true },
    role: { type: String, required: true },
    createdAt: { type: String, required: true },
  },
  aggregateSchemaOptions('admin_tokens'),
);
// findByHash on every admin request; unique, so one hash never names two tokens (SQLite's UNIQUE).
adminTokenSchema.index({ tokenHash: 1 }, { unique: true });

/** Admin API tokens in MongoDB, by sha256 hash only: a copy of the database does not let anyone in. */
export class MongoAdminTokenRepository implements AdminTokenRepository {
  private readonly model: Model<AdminTokenDoc>;

  constructor(connection: Connection) {
    this.model = modelOn<AdminTokenDoc>(connection, ADMIN_TOKEN_MODEL, adminTokenSchema);
  }

  async insert(token: StoredAdminToken): Promise<void> {
    const doc: AdminTokenDoc = { _id: token.id, name: token.name, tokenHash: token.tokenHash, role: token.role, createdAt: token.createdAt };
    try {
      await this.model.insertOne(doc);
    } catch (err) {
      // Either unique key (the _id or the hash) refuses it, as either constraint does in SQLite.
      if (isDuplicateKey(err)) throw new ConflictError(`an admin token with that id or hash already exists`, { id: token.id });
      throw err;
    }
  }

  async findByHash(tokenHash: string): Promise<StoredAdminToken | null> {
    const doc = await this.model.findOne({ tokenHash }).lean<AdminTokenDoc>();
    // A role this build does not know (written by a newer version) grants nothing rather than guessing.
    if (!doc || !isAdminRole(doc.role)) return null;
    return fromDoc(doc, doc.role);
  }

  async count(): Promise<number> {
    return this.model.countDocuments();
  }

  async list(): Promise<StoredAdminToken[]> {
    const docs = await this.model.find().sort({ createdAt: 1, _id: 1 }).lean<AdminTokenDoc[]>();
    return docs.flatMap((doc) => (isAdminRole(doc.role) ? [fromDoc(doc, doc.role)] : []));
  }

  async remove(id: string): Promise<boolean> {
    return (await this.model.deleteOne({ _id: id })).deletedCount > 0;
  }
}

function fromDoc(doc: AdminTokenDoc, role: StoredAdminToken['role']): StoredAdminToken {
  return { id: doc._id, name: doc.name, tokenHash: doc.tokenHash, role, createdAt: doc.createdAt };
}
