import type * as MongoAdapter from './mongo';
import type { Store } from './store';
import { openSqliteStore } from './sqlite';

/** The store the configuration names: MongoDB when MONGODB_URI is set (production), else the SQLite file under DATA_DIR. */
export async function openStore(config: { dataDir: string; mongodbUri?: string | undefined }): Promise<Store> {
  if (!config.mongodbUri) return openSqliteStore({ dataDir: config.dataDir });
  // Loaded only when used: the embedded profile and every CLI command would otherwise pay ~0.2 s for mongoose.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { openMongoStore } = require('./mongo') as typeof MongoAdapter;
  return openMongoStore(config.mongodbUri);
}
