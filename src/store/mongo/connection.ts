import mongoose, { type Connection, type Model } from 'mongoose';

/**
 * One mongoose connection per store. Models are registered on it (never on mongoose's global
 * default connection), so two stores in one process, as the tests open, never share models.
 */
export async function connectMongo(uri: string): Promise<Connection> {
  // strictQuery: a filter on a field the schema lacks is an adapter bug; let it match nothing loudly
  // rather than be dropped and match everything.
  const connection = mongoose.createConnection(uri, { serverSelectionTimeoutMS: 10_000, autoIndex: false });
  connection.set('strictQuery', 'throw');
  await connection.asPromise();
  return connection;
}

/** Builds every index each model declares. Called once at start, so the unique keys exist before the first write. */
export async function ensureIndexes(connection: Connection): Promise<void> {
  for (const model of Object.values(connection.models) as Model<unknown>[]) {
    await model.createCollection().catch(ignoreExists);
    await model.createIndexes();
  }
}

function ignoreExists(err: unknown): void {
  // 48 NamespaceExists: another instance created the collection first.
  if ((err as { code?: number }).code !== 48) throw err;
}
