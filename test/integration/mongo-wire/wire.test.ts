import { connect, type Socket } from 'node:net';
import { deserialize, serialize, type Document } from 'bson';
import { startMongoWireServer } from '../../support/mongo-wire/server';
import { MessageReader, OP_MSG, OP_QUERY, OP_REPLY } from '../../support/mongo-wire/wire';

function header(length: number, requestId: number, opCode: number): Buffer {
  const out = Buffer.alloc(16);
  out.writeInt32LE(length, 0);
  out.writeInt32LE(requestId, 4);
  out.writeInt32LE(0, 8);
  out.writeInt32LE(opCode, 12);
  return out;
}

const bson = (doc: Document): Buffer => Buffer.from(serialize(doc));

function opMsg(requestId: number, body: Document, options: { sequence?: [string, Document[]]; flags?: number } = {}): Buffer {
  const flags = Buffer.alloc(4);
  flags.writeUInt32LE(options.flags ?? 0);
  const parts = [flags, Buffer.from([0]), bson(body)];
  if (options.sequence) {
    const [identifier, docs] = options.sequence;
    const payload = Buffer.concat([Buffer.from(`${identifier}\0`), ...docs.map(bson)]);
    const size = Buffer.alloc(4);
    size.writeInt32LE(payload.length + 4);
    parts.push(Buffer.from([1]), size, payload);
  }
  if ((options.flags ?? 0) & 1) parts.push(Buffer.alloc(4)); // a checksum the server ignores
  const rest = Buffer.concat(parts);
  return Buffer.concat([header(16 + rest.length, requestId, OP_MSG), rest]);
}

function opQuery(requestId: number, namespace: string, query: Document): Buffer {
  const rest = Buffer.concat([Buffer.alloc(4), Buffer.from(`${namespace}\0`), Buffer.alloc(8), bson(query)]);
  return Buffer.concat([header(16 + rest.length, requestId, OP_QUERY), rest]);
}

/** Reads whole replies off a raw socket: { responseTo, opCode, doc }. */
function replies(socket: Socket): () => Promise<{ responseTo: number; opCode: number; doc: Document }> {
  const reader = new MessageReader();
  const queue: Buffer[] = [];
  const waiting: ((message: Buffer) => void)[] = [];
  socket.on('data', (chunk: Buffer) => {
    for (const message of reader.push(chunk)) {
      const waiter = waiting.shift();
      if (waiter) waiter(message);
      else queue.push(message);
    }
  });
  return async () => {
    const message = queue.shift() ?? (await new Promise<Buffer>((resolve) => waiting.push(resolve)));
    const opCode = message.readInt32LE(12);
    const docStart = opCode === OP_REPLY ? 36 : 21;
    return { responseTo: message.readInt32LE(8), opCode, doc: deserialize(message.subarray(docStart)) };
  };
}

describe('mongo-wire framing', () => {
  let server: Awaited<ReturnType<typeof startMongoWireServer>>;
  let socket: Socket;
  let next: ReturnType<typeof replies>;

  beforeAll(async () => {
    server = await startMongoWireServer();
  });
  beforeEach(async () => {
    const { port } = new URL(server.uri);
    socket = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    next = replies(socket);
  });
  afterEach(() => socket.destroy());
  afterAll(() => server.close());

  it('when a legacy OP_QUERY isMaster arrives one byte at a time, then it is answered with an OP_REPLY handshake', async () => {
    const message = opQuery(7, 'admin.$cmd', { isMaster: 1, client: { driver: { name: 'raw' } } });
    for (const byte of message) socket.write(Buffer.from([byte]));
    const reply = await next();
    expect(reply).toMatchObject({ responseTo: 7, opCode: OP_REPLY });
    expect(reply.doc).toMatchObject({ ismaster: true, helloOk: true, isWritablePrimary: true, maxWireVersion: 21, ok: 1 });
  });

  it('when two OP_MSGs arrive in one chunk, the second with a document sequence, then both are answered in order', async () => {
    socket.write(Buffer.concat([
      opMsg(1, { hello: 1, $db: 'admin' }),
      opMsg(2, { insert: 'c', $db: 'framing' }, { sequence: ['documents', [{ _id: 1 }, { _id: 2 }]], flags: 1 }),
    ]));
    expect(await next()).toMatchObject({ responseTo: 1, opCode: OP_MSG, doc: { isWritablePrimary: true } });
    expect(await next()).toMatchObject({ responseTo: 2, doc: { n: 2, ok: 1 } });
  });

  it('when an OP_MSG has moreToCome set, then the server executes it without replying', async () => {
    socket.write(opMsg(3, { insert: 'quiet', documents: [{ _id: 'q' }], $db: 'framing' }, { flags: 2 }));
    socket.write(opMsg(4, { count: 'quiet', $db: 'framing' }));
    expect(await next()).toMatchObject({ responseTo: 4, doc: { n: 1, ok: 1 } });
  });

  it('when the server closes, then open client sockets are destroyed', async () => {
    const other = await startMongoWireServer();
    const client = connect(Number(new URL(other.uri).port), '127.0.0.1');
    await new Promise((resolve) => client.once('connect', resolve));
    const closed = new Promise((resolve) => client.once('close', resolve));
    await other.close();
    await expect(closed).resolves.toBe(false);
  });
});
