import { Schema, type Connection, type Model } from 'mongoose';

/** Small conventions every Mongo repository shares. */

/** E11000: a unique index refused the write. The store's way of saying "already there". */
export function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

/**
 * Schema options for a collection holding one aggregate: no `__v` version key (writes are single
 * atomic updates, never read-modify-save), no automatic timestamps (the domain sets its own from the
 * injected clock), and a fixed collection name so operators know where to look.
 */
export function aggregateSchemaOptions(collection: string) {
  return { collection, versionKey: false as const, timestamps: false, strict: 'throw' as const, minimize: false };
}

/** Field shapes the schemas share. Instants are ISO strings; "never" is null. */
export const requiredString = { type: String, required: true };
export const nullableString = { type: String, default: null };

/** A nested part of an aggregate: no _id of its own, and the aggregate's strictness. */
export const subSchema = <T extends object>(fields: T) => new Schema(fields, { _id: false, strict: 'throw', minimize: false });

/** The aggregate's model on this connection, registered on first use (each store has its own connection). */
export function modelOn<T>(connection: Connection, name: string, schema: Schema<T>): Model<T> {
  return (connection.models[name] as Model<T> | undefined) ?? connection.model<T>(name, schema);
}

/** Inserts the document unless a unique key already holds it: true when it is new. The store's once-only claim. */
export async function insertIfNew<T>(model: Model<T>, doc: object): Promise<boolean> {
  try {
    await model.insertOne(doc as never);
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}
