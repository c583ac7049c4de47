import { Schema, Types } from 'mongoose';
import { useWireServer } from './harness';

const orderSchema = new Schema({
  customer: String,
  state: String,
  total: Number,
  placedAt: Date,
  address: { city: String, zip: String },
  lines: [{ sku: String, qty: Number }],
  tags: [String],
  version: { type: Number, default: 0 },
});

describe('mongo-wire server: reading and writing documents through mongoose', () => {
  const wire = useWireServer();
  const orders = async () => (await wire.connect()).model('Order', orderSchema);

  it('when a document with an ObjectId, a Date, a nested object and arrays is inserted, then it reads back identical', async () => {
    const Order = await orders();
    const placedAt = new Date('2024-03-01T10:20:30.456Z');
    const created = await Order.create({
      customer: 'ada', state: 'new', total: 12.5, placedAt,
      address: { city: 'Paris', zip: '75001' }, lines: [{ sku: 'a', qty: 2 }, { sku: 'b', qty: 1 }], tags: ['x', 'y'],
    });
    expect(created._id).toBeInstanceOf(Types.ObjectId);
    const found = await Order.findById(created._id).lean();
    expect(found).toMatchObject({ customer: 'ada', total: 12.5, address: { city: 'Paris', zip: '75001' }, tags: ['x', 'y'] });
    expect(found!._id.equals(created._id)).toBe(true);
    expect(found!.placedAt).toEqual(placedAt);
    expect(found!.lines.map((l) => [l.sku, l.qty])).toEqual([['a', 2], ['b', 1]]);
    expect(await Order.findOne({ _id: new Types.ObjectId() })).toBeNull();
    expect(await Order.find({ placedAt: { $gte: new Date('2024-01-01'), $lt: new Date('2025-01-01') } }).countDocuments()).toBe(1);
    expect(await Order.countDocuments({ 'address.city': 'Paris', 'lines.sku': 'b' })).toBe(1);
  });

  it('when filters compare ObjectIds, then equality, $in, $ne and ranges follow their byte order', async () => {
    const connection = await wire.connect();
    const Line = connection.model('Line', new Schema({ order: Schema.Types.ObjectId, n: Number }));
    const [o1, o2] = [new Types.ObjectId(), new Types.ObjectId()];
    const lines = await Line.create([{ order: o1, n: 1 }, { order: o2, n: 2 }, { order: o1, n: 3 }]);
    expect((await Line.find({ order: o1 }).lean()).map((l) => l.n)).toEqual([1, 3]);
    expect((await Line.find({ order: { $ne: o1 } }).lean()).map((l) => l.n)).toEqual([2]);
    expect((await Line.find({ _id: { $in: [lines[0]!._id, lines[2]!._id] } }).lean()).map((l) => l.n)).toEqual([1, 3]);
    expect((await Line.find({ _id: { $gt: lines[0]!._id } }).sort({ _id: 1 }).lean()).map((l) => l.n)).toEqual([2, 3]);
    expect((await Line.find({ _id: lines[1]!._id, n: 2 }).lean()).map((l) => l.n)).toEqual([2]);
  });

  it('when documents use string _ids, then equality, $in and duplicate detection work on them', async () => {
    const connection = await wire.connect();
    const Session = connection.model('Session', new Schema({ _id: String, user: String }));
    await Session.create([{ _id: 's1', user: 'u1' }, { _id: 's2', user: 'u2' }]);
    expect((await Session.findById('s2').lean())?.user).toBe('u2');
    expect((await Session.find({ _id: { $in: ['s1', 's3'] } }).lean()).map((s) => s._id)).toEqual(['s1']);
    await expect(Session.create({ _id: 's1', user: 'again' })).rejects.toMatchObject({ code: 11000 });
  });

  it('when findOneAndUpdate filters on the current state, then it acts as compare-and-set', async () => {
    const Order = await orders();
    const { _id } = await Order.create({ customer: 'bob', state: 'new' });
    const claimed = await Order.findOneAndUpdate({ _id, state: 'new' }, { $set: { state: 'paid' }, $inc: { version: 1 } }, { returnDocument: 'after' }).lean();
    expect(claimed).toMatchObject({ state: 'paid', version: 1 });
    const lost = await Order.findOneAndUpdate({ _id, state: 'new' }, { $set: { state: 'cancelled' } }, { returnDocument: 'after' }).lean();
    expect(lost).toBeNull();
    const before = await Order.findOneAndUpdate({ _id }, { $set: { state: 'shipped' } }).lean();
    expect(before?.state).toBe('paid');
    expect((await Order.findById(_id).lean())?.state).toBe('shipped');
  });

  it('when findOneAndUpdate upserts with a projection, then it returns only the projected new document', async () => {
    const Order = await orders();
    const doc = await Order.findOneAndUpdate(
      { customer: 'cy', state: 'new' },
      { $setOnInsert: { total: 3 } },
      { upsert: true, returnDocument: 'after', projection: { total: 1, _id: 0 } },
    ).lean();
    expect(Object.keys(doc!).sort()).toEqual(['_id', 'total']);
    expect(doc!.total).toBe(3);
    const removed = await Order.findOneAndDelete({ customer: 'cy' }).lean();
    expect(removed).toMatchObject({ customer: 'cy', state: 'new', total: 3 });
    expect(await Order.countDocuments()).toBe(0);
  });

  it('when updateOne upserts with $setOnInsert, then the new document holds the filter equalities and both parts of the update', async () => {
    const Order = await orders();
    const first = await Order.updateOne(
      { customer: 'dee', 'address.city': { $eq: 'Rome' }, total: { $gt: 0 } },
      { $set: { state: 'new' }, $setOnInsert: { tags: ['first'] } },
      { upsert: true },
    );
    expect(first).toMatchObject({ matchedCount: 0, modifiedCount: 0, upsertedCount: 1 });
    expect(first.upsertedId).toBeInstanceOf(Types.ObjectId);
    const doc = await Order.findById(first.upsertedId).lean();
    expect(doc).toMatchObject({ customer: 'dee', address: { city: 'Rome' }, state: 'new', tags: ['first'] });
    expect(doc).not.toHaveProperty('total');

    const second = await Order.updateOne({ customer: 'dee' }, { $set: { state: 'paid' }, $setOnInsert: { tags: ['again'] } }, { upsert: true });
    expect(second).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });
    expect((await Order.findById(first.upsertedId).lean())?.tags).toEqual(['first']);
  });

  it('when updateOne sets a value already there, then it matches without modifying', async () => {
    const Order = await orders();
    await Order.create({ customer: 'eve', state: 'new' });
    await expect(Order.updateOne({ customer: 'eve' }, { $set: { state: 'new' } })).resolves.toMatchObject({ matchedCount: 1, modifiedCount: 0 });
  });

  it('when updateMany runs several operators, then every matching document changes and the others do not', async () => {
    const Order = await orders();
    await Order.create([
      { customer: 'a', state: 'new', total: 10, tags: ['x'] },
      { customer: 'b', state: 'new', total: 20, tags: ['x', 'y'] },
      { customer: 'c', state: 'paid', total: 30, tags: [] },
    ]);
    const result = await Order.updateMany(
      { state: 'new' },
      { $inc: { total: 1 }, $push: { tags: { $each: ['z', 'w'] } }, $currentDate: { placedAt: true }, $unset: { address: '' } },
    );
    expect(result).toMatchObject({ matchedCount: 2, modifiedCount: 2 });
    const all = await Order.find().sort({ customer: 1 }).lean();
    expect(all.map((o) => o.total)).toEqual([11, 21, 30]);
    expect(all.map((o) => o.tags)).toEqual([['x', 'z', 'w'], ['x', 'y', 'z', 'w'], []]);
    expect(all[0]!.placedAt).toBeInstanceOf(Date);
    expect(all[2]!.placedAt).toBeUndefined();

    await Order.updateMany({}, { $pull: { tags: 'x' }, $max: { total: 25 } });
    await Order.updateMany({ customer: 'c' }, { $addToSet: { tags: { $each: ['q', 'q'] } }, $mul: { total: 2 } });
    const after = await Order.find().sort({ customer: 1 }).lean();
    expect(after.map((o) => [o.total, o.tags])).toEqual([[25, ['z', 'w']], [25, ['y', 'z', 'w']], [60, ['q']]]);
  });

  it('when a document is replaced, then its _id stays and its other fields are swapped', async () => {
    const connection = await wire.connect();
    const things = connection.collection('things');
    const { insertedId } = await things.insertOne({ a: 1, b: 2 });
    await things.replaceOne({ _id: insertedId }, { a: 5 });
    expect(await things.findOne({ _id: insertedId })).toEqual({ _id: insertedId, a: 5 });
    await expect(things.updateOne({ _id: insertedId }, { $set: { _id: new Types.ObjectId() } })).rejects.toMatchObject({ code: 66 });
    await things.updateOne({ _id: insertedId }, [{ $set: { c: { $add: ['$a', 1] } } }]);
    expect(await things.findOne({ _id: insertedId })).toEqual({ _id: insertedId, a: 5, c: 6 });
  });

  it('when array elements are updated by position or by arrayFilters, then only those elements change', async () => {
    const connection = await wire.connect();
    const carts = connection.collection('carts');
    await carts.insertOne({ _id: 'c1' as never, lines: [{ sku: 'a', qty: 1 }, { sku: 'b', qty: 1 }, { sku: 'c', qty: 5 }] });
    await carts.updateOne({ _id: 'c1' as never, 'lines.sku': 'b' }, { $inc: { 'lines.$.qty': 2 } });
    await carts.updateOne({ _id: 'c1' as never }, { $set: { 'lines.$[big].sku': 'C' } }, { arrayFilters: [{ 'big.qty': { $gte: 5 } }] });
    await carts.updateOne({ _id: 'c1' as never }, { $rename: { lines: 'items' }, $min: { low: 3 } });
    expect(await carts.findOne({ _id: 'c1' as never })).toEqual({
      _id: 'c1', items: [{ sku: 'a', qty: 1 }, { sku: 'b', qty: 3 }, { sku: 'C', qty: 5 }], low: 3,
    });
  });

  it('when replaceOne upserts with an _id filter, then the new document takes that _id', async () => {
    const connection = await wire.connect();
    const settings = connection.collection('settings');
    const result = await settings.replaceOne({ _id: 'site' as never }, { theme: 'dark' }, { upsert: true });
    expect(result).toMatchObject({ upsertedCount: 1, upsertedId: 'site' });
    await settings.replaceOne({ _id: 'site' as never }, { theme: 'light' }, { upsert: true });
    expect(await settings.find().toArray()).toEqual([{ _id: 'site', theme: 'light' }]);
  });

  it('when deleteOne and deleteMany run, then they remove one or every matching document', async () => {
    const Order = await orders();
    await Order.create([{ state: 'new' }, { state: 'new' }, { state: 'new' }, { state: 'paid' }]);
    await expect(Order.deleteOne({ state: 'new' })).resolves.toMatchObject({ deletedCount: 1 });
    await expect(Order.deleteMany({ state: 'new' })).resolves.toMatchObject({ deletedCount: 2 });
    await expect(Order.deleteMany({ state: 'gone' })).resolves.toMatchObject({ deletedCount: 0 });
    expect(await Order.countDocuments()).toBe(1);
    expect(await Order.estimatedDocumentCount()).toBe(1);
  });

  it('when bulkWrite mixes inserts, updates and deletes, then each counts', async () => {
    const Order = await orders();
    await Order.create({ customer: 'z', state: 'new' });
    const result = await Order.bulkWrite([
      { insertOne: { document: { customer: 'y', state: 'new' } } },
      { updateOne: { filter: { customer: 'z' }, update: { $set: { state: 'paid' } } } },
      { updateOne: { filter: { customer: 'x' }, update: { $set: { state: 'new' } }, upsert: true } },
      { deleteOne: { filter: { customer: 'y' } } },
    ]);
    expect(result).toMatchObject({ insertedCount: 1, matchedCount: 1, modifiedCount: 1, upsertedCount: 1, deletedCount: 1 });
    expect((await Order.find().sort({ customer: 1 }).lean()).map((o) => [o.customer, o.state])).toEqual([['x', 'new'], ['z', 'paid']]);
  });
});
