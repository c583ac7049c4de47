import { Schema } from 'mongoose';
import { useWireServer } from './harness';

describe('mongo-wire server: connections and housekeeping commands', () => {
  const wire = useWireServer();

  it('when mongoose connects, then the handshake succeeds and ping answers ok', async () => {
    const connection = await wire.connect();
    expect(wire.uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/$/);
    expect(connection.readyState).toBe(1);
    await expect(connection.db!.admin().ping()).resolves.toMatchObject({ ok: 1 });
    await expect(connection.db!.admin().buildInfo()).resolves.toMatchObject({ version: '7.0.0' });
  });

  it('when a command is unknown, then it fails with CommandNotFound', async () => {
    const connection = await wire.connect();
    await expect(connection.db!.command({ frobnicate: 1 })).rejects.toMatchObject({ code: 59, codeName: 'CommandNotFound' });
  });

  it('when two connections write concurrently to different databases, then each sees only its own data', async () => {
    const [a, b] = await Promise.all([wire.connect('wire_a'), wire.connect('wire_b')]);
    const schema = new Schema({ k: Number });
    const A = a.model('Item', schema);
    const B = b.model('Item', schema);
    await Promise.all([
      A.insertMany(Array.from({ length: 30 }, (_, k) => ({ k }))),
      B.insertMany(Array.from({ length: 20 }, (_, k) => ({ k }))),
    ]);
    const [countA, countB] = await Promise.all([A.countDocuments(), B.countDocuments()]);
    expect([countA, countB]).toEqual([30, 20]);
    await Promise.all([a.dropDatabase(), b.dropDatabase()]);
  });

  it('when two connections share a database, then one sees the other\'s writes', async () => {
    const [a, b] = await Promise.all([wire.connect('wire_shared'), wire.connect('wire_shared')]);
    await a.collection('things').insertOne({ _id: 'x' as never, v: 1 });
    await expect(b.collection('things').findOne({ _id: 'x' as never })).resolves.toEqual({ _id: 'x', v: 1 });
    await a.dropDatabase();
  });

  it('when a collection is created twice, then the second create fails with NamespaceExists', async () => {
    const connection = await wire.connect();
    await connection.createCollection('once');
    await expect(connection.createCollection('once')).rejects.toMatchObject({ code: 48 });
    const names = (await connection.db!.listCollections().toArray()).map((c) => c.name);
    expect(names).toEqual(['once']);
  });

  it('when a database is dropped, then its collections are gone and listDatabases no longer names it', async () => {
    const connection = await wire.connect('wire_dropme');
    await connection.collection('c').insertOne({ a: 1 });
    const before = await connection.db!.admin().listDatabases();
    expect(before.databases.map((d) => d.name)).toContain('wire_dropme');
    await connection.dropDatabase();
    expect(await connection.db!.listCollections().toArray()).toEqual([]);
    const after = await connection.db!.admin().listDatabases();
    expect(after.databases.map((d) => d.name)).not.toContain('wire_dropme');
  });

  it('when a collection is dropped, then finding in it returns nothing', async () => {
    const connection = await wire.connect();
    await connection.collection('gone').insertOne({ a: 1 });
    await expect(connection.collection('gone').drop()).resolves.toBe(true);
    expect(await connection.collection('gone').find().toArray()).toEqual([]);
  });
});
