import type { Connection } from 'mongoose';
import type { FetchedDay } from '../../../../src/modules/analytics';
import { MongoAnalyticsRepository } from '../../../../src/store/mongo/analytics.repo';
import { ensureIndexes } from '../../../../src/store/mongo/connection';
import { describeAnalyticsRepositoryContract } from '../../../contract/analytics-repository.contract';
import { useTestMongo } from '../../../helpers/mongo';

const mongo = useTestMongo();

describeAnalyticsRepositoryContract('MongoAnalyticsRepository', () => mongo.openRepo((connection) => new MongoAnalyticsRepository(connection)));

const APP = 'wx1234567890abcdef';
const AT = '2024-03-20T02:00:00.000Z';
const summaryDay = (refDate: string, rows: [string, number][]): FetchedDay => ({
  metric: 'userSummary', refDate, rows: rows.map(([key, newUser]) => ({ key, data: { newUser, cancelUser: 0 } })),
});

describe('MongoAnalyticsRepository documents', () => {
  let connection: Connection;
  let close: () => Promise<void>;
  let repo: MongoAnalyticsRepository;
  beforeEach(async () => {
    ({ connection, close } = await mongo.open());
    repo = new MongoAnalyticsRepository(connection);
    await ensureIndexes(connection);
  });
  afterEach(async () => close());

  it('when the same days are saved twice, then one document per key remains, keyed by it, updatedAt stays at the first save, and the figures are embedded', async () => {
    const days = [summaryDay('2024-03-01', [['0', 2], ['30', 5]]), summaryDay('2024-03-02', [])];
    await repo.saveDays(APP, days, AT);
    await repo.saveDays(APP, days, '2024-03-21T02:00:00.000Z');
    const rows = await connection.collection('analytics').find({}).sort({ refDate: 1, key: 1 }).toArray();
    expect(rows).toEqual([
      { _id: `${APP}|userSummary|2024-03-01|0`, appId: APP, metric: 'userSummary', refDate: '2024-03-01', key: '0', data: { newUser: 2, cancelUser: 0 }, updatedAt: AT },
      { _id: `${APP}|userSummary|2024-03-01|30`, appId: APP, metric: 'userSummary', refDate: '2024-03-01', key: '30', data: { newUser: 5, cancelUser: 0 }, updatedAt: AT },
    ]);
    const fetched = await connection.collection('analytics_days').find({}).sort({ refDate: 1 }).toArray();
    expect(fetched).toEqual([
      { _id: `${APP}|userSummary|2024-03-01`, appId: APP, metric: 'userSummary', refDate: '2024-03-01', rows: 2, fetchedAt: '2024-03-21T02:00:00.000Z' },
      { _id: `${APP}|userSummary|2024-03-02`, appId: APP, metric: 'userSummary', refDate: '2024-03-02', rows: 0, fetchedAt: '2024-03-21T02:00:00.000Z' },
    ]);
  });

  it('when the figures change, then updatedAt moves to that save', async () => {
    await repo.saveDays(APP, [summaryDay('2024-03-01', [['0', 2]])], AT);
    await repo.saveDays(APP, [summaryDay('2024-03-01', [['0', 3]])], '2024-03-22T00:00:00.000Z');
    expect(await connection.collection('analytics').findOne({ key: '0' }, { projection: { _id: 0, updatedAt: 1, data: 1 } }))
      .toEqual({ data: { newUser: 3, cancelUser: 0 }, updatedAt: '2024-03-22T00:00:00.000Z' });
  });

  it('when a row of the idempotency key is inserted a second time directly, then the unique index refuses it', async () => {
    await repo.saveDays(APP, [summaryDay('2024-03-01', [['0', 2]])], AT);
    const again = { appId: APP, metric: 'userSummary', refDate: '2024-03-01', key: '0', data: {}, updatedAt: AT };
    await expect(connection.collection('analytics').insertOne(again)).rejects.toMatchObject({ code: 11000 });
    const day = { appId: APP, metric: 'userSummary', refDate: '2024-03-01', rows: 0, fetchedAt: AT };
    await expect(connection.collection('analytics_days').insertOne(day)).rejects.toMatchObject({ code: 11000 });
  });
});
