import type { FetchedDay } from '../../../../src/modules/analytics';
import { SqliteAnalyticsRepository } from '../../../../src/store/sqlite/analytics.repo';
import { openDatabase, type SqliteDatabase } from '../../../../src/store/sqlite/database';

const APP = 'wx1234567890abcdef';
const AT = '2024-03-20T02:00:00.000Z';

const summaryDay = (refDate: string, rows: [string, number][]): FetchedDay => ({
  metric: 'userSummary', refDate, rows: rows.map(([key, newUser]) => ({ key, data: { newUser, cancelUser: 0 } })),
});

describe('SqliteAnalyticsRepository', () => {
  let db: SqliteDatabase;
  let repo: SqliteAnalyticsRepository;
  beforeEach(() => {
    db = openDatabase(':memory:');
    repo = new SqliteAnalyticsRepository(db);
  });
  afterEach(() => db.close());

  it('when the same days are saved twice, then the second save changes nothing and each row is stored once', async () => {
    const days = [summaryDay('2024-03-01', [['0', 2], ['30', 5]]), summaryDay('2024-03-02', [['0', 1]])];
    expect(await repo.saveDays(APP, days, AT)).toEqual({ changed: 3 });
    expect(await repo.saveDays(APP, days, AT)).toEqual({ changed: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM analytics').get()).toEqual({ n: 3 });
    expect(await repo.rows(APP, 'userSummary', '2024-03-01', '2024-03-02')).toEqual([
      { appId: APP, metric: 'userSummary', refDate: '2024-03-01', key: '0', data: { newUser: 2, cancelUser: 0 } },
      { appId: APP, metric: 'userSummary', refDate: '2024-03-01', key: '30', data: { newUser: 5, cancelUser: 0 } },
      { appId: APP, metric: 'userSummary', refDate: '2024-03-02', key: '0', data: { newUser: 1, cancelUser: 0 } },
    ]);
  });

  it('when a day is saved again with other figures, then its rows are updated, a key WeChat no longer reports is removed, and other days stay', async () => {
    await repo.saveDays(APP, [summaryDay('2024-03-01', [['0', 2], ['30', 5]]), summaryDay('2024-03-02', [['0', 1]])], AT);
    expect(await repo.saveDays(APP, [summaryDay('2024-03-01', [['0', 3]])], AT)).toEqual({ changed: 2 });
    expect((await repo.rows(APP, 'userSummary', '2024-03-01', '2024-03-02')).map((r) => [r.refDate, r.key, r.data.newUser])).toEqual([['2024-03-01', '0', 3], ['2024-03-02', '0', 1]]);
  });

  it('when a day had no rows, then it is still listed as stored; other metrics and accounts are kept apart', async () => {
    await repo.saveDays(APP, [summaryDay('2024-03-01', []), { metric: 'upstreamMsg', refDate: '2024-03-02', rows: [{ key: '1', data: { msgUser: 1, msgCount: 2 } }] }], AT);
    await repo.saveDays('wxother0000000000', [summaryDay('2024-03-03', [['0', 1]])], AT);
    expect(await repo.storedDays(APP, '2024-03-01', '2024-03-31')).toEqual([{ metric: 'userSummary', refDate: '2024-03-01' }, { metric: 'upstreamMsg', refDate: '2024-03-02' }]);
    expect(await repo.rows(APP, 'userSummary', '2024-03-01', '2024-03-31')).toEqual([]);
    expect(await repo.rows(APP, 'upstreamMsg', '2024-03-02', '2024-03-02')).toHaveLength(1);
    expect(await repo.storedDays(APP, '2024-03-02', '2024-03-02')).toEqual([{ metric: 'upstreamMsg', refDate: '2024-03-02' }]);
  });

  it('when a batch fails half-way, then none of it is stored', async () => {
    // A value JSON cannot write (a BigInt) makes the second day throw inside the transaction.
    const bad = { metric: 'userSummary', refDate: '2024-03-02', rows: [{ key: '0', data: { newUser: 1n } }] } as unknown as FetchedDay;
    await expect(repo.saveDays(APP, [summaryDay('2024-03-01', [['0', 2]]), bad], AT)).rejects.toThrow();
    expect(await repo.storedDays(APP, '2024-03-01', '2024-03-02')).toEqual([]);
    expect(await repo.rows(APP, 'userSummary', '2024-03-01', '2024-03-02')).toEqual([]);
  });
});
