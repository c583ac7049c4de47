import { randomBytes } from 'node:crypto';
import mongoose, { type Connection } from 'mongoose';
import { startMongoWireServer } from '../../support/mongo-wire/server';

export interface WireHarness {
  /** The running server's URI, with a trailing slash. */
  readonly uri: string;
  /** A fresh connection to a database of its own, closed after each test. */
  connect(database?: string): Promise<Connection>;
}

/** One in-process wire server per test file; connections opened by a test are closed after it. */
export function useWireServer(): WireHarness {
  let server: Awaited<ReturnType<typeof startMongoWireServer>> | undefined;
  const open: Connection[] = [];
  beforeAll(async () => {
    server = await startMongoWireServer();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((connection) => connection.close()));
  });
  afterAll(async () => {
    await server?.close();
  });
  return {
    get uri() {
      if (!server) throw new Error('the server starts in beforeAll');
      return server.uri;
    },
    async connect(database = `wire_${randomBytes(4).toString('hex')}`) {
      const connection = mongoose.createConnection(this.uri + database, { serverSelectionTimeoutMS: 10000, autoIndex: false });
      open.push(connection);
      await connection.asPromise();
      return connection;
    },
  };
}
