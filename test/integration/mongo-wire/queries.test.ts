import { Schema } from 'mongoose';
import { useWireServer } from './harness';

const eventSchema = new Schema({ seq: Number, kind: String, at: Date, label: String, tags: [String] });

describe('mongo-wire server: queries, cursors and aggregation', () => {
  const wire = useWireServer();
  const events = async (count: number) => {
    const Event = (await wire.connect()).model('Event', eventSchema);
    await Event.insertMany(
      Array.from({ length: count }, (_, seq) => ({
        seq, kind: ['click', 'view', 'scan'][seq % 3], at: new Date(Date.UTC(2024, 0, 1 + (seq % 7))), tags: [`t${seq % 4}`, 'all'],
      })),
    );
    return Event;
  };

  it('when a find returns 250 documents, then the driver pages through them with getMore, in natural order', async () => {
    const Event = await events(250);
    const all = await Event.find().lean();
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 250 }, (_, i) => i));
    const streamed: number[] = [];
    for await (const event of Event.find({ kind: 'click' }).batchSize(7).lean().cursor()) streamed.push(event.seq!);
    expect(streamed).toHaveLength(84);
    const raw = await Event.collection.find({}, { batchSize: 50 }).toArray();
    expect(raw).toHaveLength(250);
  });

  it('when a cursor is closed early, then killCursors frees it', async () => {
    const Event = await events(150);
    const cursor = Event.collection.find({}, { batchSize: 10 });
    await cursor.next();
    await expect(cursor.close()).resolves.toBeUndefined();
  });

  it('when sort, skip and limit are combined, then they apply in that order', async () => {
    const Event = await events(20);
    const page = await Event.find({ kind: { $in: ['click', 'view'] } }).sort({ at: -1, seq: 1 }).skip(2).limit(4).select({ seq: 1, _id: 0 }).lean();
    expect(page.map((e) => e.seq)).toEqual([12, 19, 4, 18]);
    expect(await Event.find().sort({ seq: -1 }).limit(1).lean()).toMatchObject([{ seq: 19 }]);
    expect(await Event.findOne().sort({ seq: -1 }).skip(3).lean()).toMatchObject({ seq: 16 });
  });

  it('when values of mixed kinds are sorted, then null and missing come first, then numbers, then strings by code point', async () => {
    const connection = await wire.connect();
    const mixed = connection.collection('mixed');
    await mixed.insertMany([{ v: 'b' }, { v: 2 }, { v: 'B' }, {}, { v: null }, { v: 10 }, { v: 'a' }]);
    const values = (await mixed.find({}, { projection: { _id: 0 } }).sort({ v: 1 }).toArray()).map((d) => d.v);
    expect(values.slice(0, 2).every((v) => v === null || v === undefined)).toBe(true);
    expect(values.slice(2)).toEqual([2, 10, 'B', 'a', 'b']);
    const dates = connection.collection('dates');
    await dates.insertMany([{ d: new Date(3000) }, { d: new Date(1000) }, { d: new Date(2000) }]);
    expect((await dates.find().sort({ d: -1 }).toArray()).map((x) => (x.d as Date).getTime())).toEqual([3000, 2000, 1000]);
  });

  it('when a query has a negative limit, then a single batch comes back and no cursor stays open', async () => {
    const Event = await events(30);
    const reply = await Event.db.db!.command({ find: 'events', filter: {}, limit: -5 });
    expect(reply.cursor.firstBatch).toHaveLength(5);
    expect(Number(reply.cursor.id)).toBe(0);
  });

  it('when documents are counted, then countDocuments, count with skip and limit, and estimatedDocumentCount agree', async () => {
    const Event = await events(40);
    expect(await Event.countDocuments({ kind: 'view' })).toBe(13);
    expect(await Event.countDocuments({ seq: { $gte: 30 } }, { skip: 2, limit: 5 })).toBe(5);
    expect(await Event.estimatedDocumentCount()).toBe(40);
    const reply = await Event.db.db!.command({ count: 'events', query: { kind: 'scan' }, skip: 10 });
    expect(reply.n).toBe(3);
  });

  it('when aggregating with $match, $group and $sort, then the groups come back sorted', async () => {
    const Event = await events(30);
    const rows = await Event.aggregate<{ _id: string; n: number; maxSeq: number }>([
      { $match: { seq: { $lt: 20 } } },
      { $group: { _id: '$kind', n: { $sum: 1 }, maxSeq: { $max: '$seq' } } },
      { $sort: { n: -1, _id: 1 } },
    ]);
    expect(rows).toEqual([{ _id: 'click', n: 7, maxSeq: 18 }, { _id: 'scan', n: 6, maxSeq: 17 }, { _id: 'view', n: 7, maxSeq: 19 }].sort((a, b) => b.n - a.n || a._id.localeCompare(b._id)));
    const tags = await Event.aggregate([{ $unwind: '$tags' }, { $match: { tags: { $ne: 'all' } } }, { $count: 'n' }]);
    expect(tags).toEqual([{ n: 30 }]);
    const projected = await Event.aggregate([{ $sort: { seq: -1 } }, { $limit: 2 }, { $addFields: { next: { $add: ['$seq', 1] } } }, { $project: { _id: 0, seq: 1, next: 1 } }]);
    expect(projected).toEqual([{ seq: 29, next: 30 }, { seq: 28, next: 29 }]);
  });

  it('when an aggregation returns more than a batch, then the driver pages through it', async () => {
    const Event = await events(230);
    const rows = await Event.aggregate([{ $match: {} }, { $project: { seq: 1 } }]);
    expect(rows).toHaveLength(230);
  });

  it('when distinct runs, then each value comes once, array elements flattened, filtered by the query', async () => {
    const Event = await events(12);
    expect((await Event.distinct('kind')).sort()).toEqual(['click', 'scan', 'view']);
    expect((await Event.distinct('tags', { seq: { $lt: 2 } })).sort()).toEqual(['all', 't0', 't1']);
    expect((await Event.distinct('at', { kind: 'click' })).map((d) => (d as Date).toISOString())).toEqual([
      '2024-01-01T00:00:00.000Z', '2024-01-04T00:00:00.000Z', '2024-01-07T00:00:00.000Z', '2024-01-03T00:00:00.000Z',
    ]);
  });

  it('when the filter uses $or, $regex, $exists and $elemMatch, then mingo matches as MongoDB does', async () => {
    const Event = await events(12);
    expect(await Event.countDocuments({ $or: [{ seq: 0 }, { kind: /^sc/ }] })).toBe(5);
    expect(await Event.countDocuments({ label: { $exists: false } })).toBe(12);
    expect(await Event.countDocuments({ tags: { $elemMatch: { $eq: 't3' } } })).toBe(3);
  });
});
