import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import { connectMongo, ensureIndexes } from '../../src/store/mongo/connection';
import { startMongoWireServer } from '../support/mongo-wire/server';

export interface TestMongo {
  /** A connection to a database of its own; call `ensureIndexes(connection)` once the repositories exist. */
  open(): Promise<{ connection: Connection; close(): Promise<void> }>;
  /** A repository over a fresh database, its indexes built: what a contract runner's `make` returns. */
  openRepo<R>(make: (connection: Connection) => R): Promise<{ repo: R; connection: Connection; close(): Promise<void> }>;
  /** Whether this is a real MongoDB (MONGODB_URI) rather than the in-process wire server. */
  readonly real: boolean;
}

/**
 * Where the Mongo adapters are tested: the MongoDB named by MONGODB_URI when it is set (a real
 * server: a developer with Docker, or a CI that has one), otherwise an in-process server that speaks
 * MongoDB's wire protocol (test/support/mongo-wire), so the same contract suites go through the real
 * driver in every `npm test`. Call at the top of a test file: one server per file, one database per
 * `open()`, dropped by its `close()`.
 */
export function useTestMongo(): TestMongo {
  const configured = process.env.MONGODB_URI;
  let server: { uri: string; close(): Promise<void> } | null = null;
  beforeAll(async () => {
    if (!configured) server = await startMongoWireServer();
  });
  afterAll(async () => {
    await server?.close();
  });
  const mongo: TestMongo = {
    real: configured !== undefined,
    async openRepo(make) {
      const { connection, close } = await mongo.open();
      const repo = make(connection);
      await ensureIndexes(connection);
      return { repo, connection, close };
    },
    async open() {
      const base = configured ?? server?.uri;
      if (!base) throw new Error('useTestMongo().open() runs inside a test, after beforeAll');
      const connection = await connectMongo(withDatabase(base, `wxoa_test_${randomBytes(6).toString('hex')}`));
      return {
        connection,
        async close() {
          await connection.dropDatabase().catch(() => undefined);
          await connection.close();
        },
      };
    },
  };
  return mongo;
}

/** The URI with its database path replaced, keeping any ?options. */
export function withDatabase(uri: string, database: string): string {
  const url = new URL(uri);
  url.pathname = `/${database}`;
  return url.toString();
}

export { ensureIndexes };
