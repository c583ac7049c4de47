/**
 * An in-process server that speaks MongoDB's wire protocol, so the real mongoose / mongodb driver
 * can run our Mongo adapters and their contract suites in every `npm test`. TEST SUPPORT ONLY, never
 * shipped, and NOT MongoDB: query, update and aggregation semantics come from mingo, data lives in
 * memory only (no durability), and there are no transactions, no auth, no replication. See
 * engine.ts for the commands it answers and indexes.ts for what its indexes enforce.
 */
import { createServer, type Socket } from 'node:net';
import { Engine } from './engine';
import { decodeMessage, encodeOpMsg, encodeOpReply, MessageReader, OP_QUERY } from './wire';

export interface MongoWireServer {
  /** `mongodb://127.0.0.1:PORT/`: replace the path with a database name. */
  uri: string;
  /** Stops listening and destroys every open socket. */
  close(): Promise<void>;
}

export async function startMongoWireServer(options: { port?: number } = {}): Promise<MongoWireServer> {
  const engine = new Engine();
  const sockets = new Set<Socket>();
  let nextConnectionId = 1;

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    const connectionId = nextConnectionId++;
    const reader = new MessageReader();
    socket.on('data', (chunk: Buffer) => {
      try {
        for (const message of reader.push(chunk)) {
          const request = decodeMessage(message);
          const db = request.opCode === OP_QUERY
            ? (request.namespace ?? 'admin').split('.')[0]!
            : typeof request.command.$db === 'string' ? request.command.$db : 'admin';
          const reply = engine.run(db, request.command, connectionId);
          if (request.noReply) continue;
          socket.write(request.opCode === OP_QUERY ? encodeOpReply(request.requestId, reply) : encodeOpMsg(request.requestId, reply));
        }
      } catch {
        // A malformed stream cannot be resynchronised: drop the connection, as mongod does.
        socket.destroy();
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('mongo-wire: server has no TCP address');

  return {
    uri: `mongodb://127.0.0.1:${address.port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        sockets.clear();
        server.close(() => resolve());
      }),
  };
}
