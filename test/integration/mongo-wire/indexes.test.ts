import { Schema } from 'mongoose';
import { useWireServer } from './harness';

const accountSchema = new Schema({ email: String, tenant: String, handle: String, nickname: String, live: { type: Boolean, default: true } });
accountSchema.index({ email: 1 }, { unique: true });
accountSchema.index({ tenant: 1, handle: 1 }, { unique: true });
accountSchema.index({ nickname: 1 }, { unique: true, sparse: true });
accountSchema.index({ tenant: 1, email: 1 }, { unique: true, partialFilterExpression: { live: { $eq: true } }, name: 'live_email' });

describe('mongo-wire server: indexes and unique keys', () => {
  const wire = useWireServer();
  const accounts = async () => {
    const Account = (await wire.connect()).model('Account', accountSchema);
    await Account.createCollection();
    await Account.createIndexes();
    return Account;
  };

  it('when Model.createIndexes runs, then listIndexes shows _id_ and every declared index', async () => {
    const Account = await accounts();
    const indexes = await Account.listIndexes();
    expect(indexes.map((i) => i.name)).toEqual(['_id_', 'email_1', 'tenant_1_handle_1', 'nickname_1', 'live_email']);
    expect(indexes[2]).toMatchObject({ key: { tenant: 1, handle: 1 }, unique: true });
    expect(indexes[3]).toMatchObject({ sparse: true });
    await expect(Account.createIndexes()).resolves.toBeUndefined();
  });

  it('when an index is recreated under the same name with other options, then it fails with IndexOptionsConflict', async () => {
    const Account = await accounts();
    await expect(Account.collection.createIndex({ email: 1 }, { name: 'email_1' })).rejects.toMatchObject({ code: 85 });
    await expect(Account.collection.createIndex({ handle: 1 }, { name: 'email_1' })).rejects.toMatchObject({ code: 86 });
  });

  it('when an index is dropped, then its key is no longer enforced', async () => {
    const Account = await accounts();
    await Account.collection.dropIndex('email_1');
    await Account.create([{ email: 'same', tenant: 't', handle: 'a' }, { email: 'same', tenant: 'u', handle: 'b' }]);
    await expect(Account.collection.dropIndex('email_1')).rejects.toMatchObject({ code: 27 });
    await Account.collection.dropIndexes();
    expect((await Account.listIndexes()).map((i) => i.name)).toEqual(['_id_']);
  });

  it('when an insert repeats a unique single key, then it fails with 11000 naming the index and key', async () => {
    const Account = await accounts();
    await Account.create({ email: 'a@x', tenant: 't', handle: 'a' });
    const err = await Account.create({ email: 'a@x', tenant: 't', handle: 'b' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 11000, keyPattern: { email: 1 }, keyValue: { email: 'a@x' } });
    expect((err as Error).message).toContain('E11000 duplicate key error collection:');
    expect((err as Error).message).toContain('index: email_1 dup key: { email: "a@x" }');
    expect(await Account.countDocuments()).toBe(1);
  });

  it('when an insert repeats a compound key, then it fails, but sharing one part of it is fine', async () => {
    const Account = await accounts();
    await Account.create({ email: '1', tenant: 't', handle: 'h' });
    await Account.create({ email: '2', tenant: 'u', handle: 'h' });
    await expect(Account.create({ email: '3', tenant: 't', handle: 'h' })).rejects.toMatchObject({
      code: 11000, keyPattern: { tenant: 1, handle: 1 }, keyValue: { tenant: 't', handle: 'h' },
    });
  });

  it('when documents lack a sparse key or fall outside a partial index, then they do not collide', async () => {
    const Account = await accounts();
    await Account.create({ email: '1', tenant: 't', handle: 'a' });
    await Account.create({ email: '2', tenant: 't', handle: 'b' });
    await Account.create({ email: '3', tenant: 't', handle: 'c', nickname: 'n' });
    await expect(Account.create({ email: '4', tenant: 't', handle: 'd', nickname: 'n' })).rejects.toMatchObject({ code: 11000 });
    await Account.updateOne({ email: '1' }, { $set: { live: false } });
    await Account.collection.dropIndex('email_1');
    await Account.create({ email: '1', tenant: 't', handle: 'e' });
    await expect(Account.create({ email: '1', tenant: 't', handle: 'f' })).rejects.toMatchObject({ code: 11000, keyPattern: { tenant: 1, email: 1 } });
  });

  it('when updateOne $sets a value another document holds, then it fails with 11000 and changes nothing', async () => {
    const Account = await accounts();
    await Account.create([{ email: 'a', tenant: 't', handle: 'a' }, { email: 'b', tenant: 't', handle: 'b' }]);
    await expect(Account.updateOne({ email: 'b' }, { $set: { email: 'a', nickname: 'x' } })).rejects.toMatchObject({ code: 11000 });
    expect(await Account.findOne({ handle: 'b' }).lean()).toMatchObject({ email: 'b' });
    expect(await Account.findOne({ handle: 'b' }).lean()).not.toHaveProperty('nickname');
    await expect(Account.findOneAndUpdate({ email: 'b' }, { $set: { handle: 'a' } })).rejects.toMatchObject({ code: 11000 });
  });

  it('when an upsert would insert a duplicate key, then it fails with 11000', async () => {
    const Account = await accounts();
    await Account.create({ email: 'a', tenant: 't', handle: 'h' });
    await expect(Account.updateOne({ email: 'b' }, { $set: { tenant: 't', handle: 'h' } }, { upsert: true })).rejects.toMatchObject({ code: 11000 });
    await expect(Account.findOneAndUpdate({ email: 'c', tenant: 't' }, { $setOnInsert: { handle: 'h' } }, { upsert: true })).rejects.toMatchObject({ code: 11000 });
    expect(await Account.countDocuments()).toBe(1);
  });

  it('when a unique index is built over duplicates, then it fails with 11000', async () => {
    const connection = await wire.connect();
    await connection.collection('dups').insertMany([{ k: 1 }, { k: 1 }]);
    await expect(connection.collection('dups').createIndex({ k: 1 }, { unique: true })).rejects.toMatchObject({ code: 11000 });
    expect((await connection.collection('dups').indexes()).map((i) => i.name)).toEqual(['_id_']);
  });

  it('when an ordered insertMany meets a duplicate, then it stops there; unordered, it inserts the rest', async () => {
    const Account = await accounts();
    const docs = [{ email: 'a', tenant: 't', handle: '1' }, { email: 'a', tenant: 't', handle: '2' }, { email: 'c', tenant: 't', handle: '3' }];
    await expect(Account.insertMany(docs)).rejects.toMatchObject({ code: 11000 });
    expect(await Account.countDocuments()).toBe(1);
    await Account.deleteMany({});
    const err = await Account.insertMany(docs, { ordered: false }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 11000 });
    expect((err as { writeErrors: { index: number }[] }).writeErrors.map((e) => e.index)).toEqual([1]);
    expect(await Account.countDocuments()).toBe(2);
  });

  it('when bulkWrite meets a duplicate, then ordered stops at it and unordered carries on', async () => {
    const Account = await accounts();
    await Account.create({ email: 'taken', tenant: 't', handle: 'x' });
    const ops = [
      { insertOne: { document: { email: 'taken', tenant: 't', handle: 'y' } } },
      { insertOne: { document: { email: 'free', tenant: 't', handle: 'z' } } },
    ];
    await expect(Account.bulkWrite(ops)).rejects.toMatchObject({ code: 11000 });
    expect(await Account.countDocuments()).toBe(1);
    const err = await Account.bulkWrite(ops, { ordered: false }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 11000 });
    expect(await Account.countDocuments()).toBe(2);
  });
});
