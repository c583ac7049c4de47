import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FetchedDay } from '../../../../src/modules/analytics';
import { SqliteAnalyticsRepository } from '../../../../src/store/sqlite/analytics.repo';
import { openDatabase } from '../../../../src/store/sqlite/database';
import { openSqliteStore } from '../../../../src/store/sqlite';
import { describeAnalyticsRepositoryContract } from '../../../contract/analytics-repository.contract';

const APP = 'wx1234567890abcdef';
const AT = '2024-03-20T02:00:00.000Z';

const summaryDay = (refDate: string, rows: [string, number][]): FetchedDay => ({
  metric: 'userSummary', refDate, rows: rows.map(([key, newUser]) => ({ key, data: { newUser, cancelUser: 0 } })),
});

describeAnalyticsRepositoryContract('SqliteAnalyticsRepository', async () => {
  const store = openSqliteStore({ file: ':memory:' });
  return { repo: store.analytics, close: () => store.close() };
});

describe('SqliteAnalyticsRepository tables', () => {
  it('when the same days are saved twice, then the table holds one row per key and updated_at stays at the first save', async () => {
    const db = openDatabase(':memory:');
    try {
      const repo = new SqliteAnalyticsRepository(db);
      const days = [summaryDay('2024-03-01', [['0', 2], ['30', 5]]), summaryDay('2024-03-02', [['0', 1]])];
      await repo.saveDays(APP, days, AT);
      await repo.saveDays(APP, days, '2024-03-21T02:00:00.000Z');
      expect(db.prepare('SELECT COUNT(*) AS n FROM analytics').get()).toEqual({ n: 3 });
      expect(db.prepare('SELECT DISTINCT updated_at AS at FROM analytics').all()).toEqual([{ at: AT }]);
      expect(db.prepare('SELECT COUNT(*) AS n FROM analytics_days').get()).toEqual({ n: 2 });
    } finally {
      db.close();
    }
  });
});

describe('SqliteAnalyticsRepository on a file', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wxoa-analytics-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('when the store is closed and opened again, then the rows and fetched days are still there', async () => {
    const first = openSqliteStore({ dataDir: dir });
    await first.analytics.saveDays(APP, [summaryDay('2024-03-01', [['0', 2]]), summaryDay('2024-03-02', [])], AT);
    await first.close();

    const second = openSqliteStore({ dataDir: dir });
    try {
      expect((await second.analytics.rows(APP, 'userSummary', '2024-03-01', '2024-03-02')).map((r) => r.data)).toEqual([{ newUser: 2, cancelUser: 0 }]);
      expect(await second.analytics.storedDays(APP, '2024-03-01', '2024-03-02')).toHaveLength(2);
    } finally {
      await second.close();
    }
  });
});
