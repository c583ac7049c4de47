import type { AnalyticsRepository, FetchedDay } from '../../src/modules/analytics';

/**
 * What every AnalyticsRepository adapter must do, run by one runner per adapter (not a `*.test.ts`:
 * jest runs it only through them). The daily pull and the backfill rely on saving being idempotent
 * and on storedDays telling fetched days (even empty ones) from gaps.
 */

const APP = 'wx1234567890abcdef';
const OTHER_APP = 'wxother0000000000';
const AT = '2024-03-20T02:00:00.000Z';
const LATER = '2024-03-21T02:00:00.000Z';

const summaryDay = (refDate: string, rows: [string, number][]): FetchedDay => ({
  metric: 'userSummary', refDate, rows: rows.map(([key, newUser]) => ({ key, data: { newUser, cancelUser: 0 } })),
});

/** The ISO date `n` days after 2023-01-01 (UTC). */
const dayOf = (n: number): string => new Date(Date.UTC(2023, 0, 1 + n)).toISOString().slice(0, 10);

export function describeAnalyticsRepositoryContract(
  name: string,
  make: () => Promise<{ repo: AnalyticsRepository; close(): Promise<void> }>,
): void {
  describe(`${name} (AnalyticsRepository contract)`, () => {
    let repo: AnalyticsRepository;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ repo, close } = await make());
    });
    afterEach(async () => close());

    describe('saveDays and rows', () => {
      it('when the same days are saved twice, then the second save changes nothing and each row is stored once', async () => {
        const days = [summaryDay('2024-03-01', [['0', 2], ['30', 5]]), summaryDay('2024-03-02', [['0', 1]])];
        expect(await repo.saveDays(APP, days, AT)).toEqual({ changed: 3 });
        expect(await repo.saveDays(APP, days, LATER)).toEqual({ changed: 0 });
        expect(await repo.rows(APP, 'userSummary', '2024-03-01', '2024-03-02')).toEqual([
          { appId: APP, metric: 'userSummary', refDate: '2024-03-01', key: '0', data: { newUser: 2, cancelUser: 0 } },
          { appId: APP, metric: 'userSummary', refDate: '2024-03-01', key: '30', data: { newUser: 5, cancelUser: 0 } },
          { appId: APP, metric: 'userSummary', refDate: '2024-03-02', key: '0', data: { newUser: 1, cancelUser: 0 } },
        ]);
      });

      it('when a day is saved again with other figures, then it is stored once with the newest values', async () => {
        await repo.saveDays(APP, [summaryDay('2024-03-01', [['0', 2]])], AT);
        expect(await repo.saveDays(APP, [summaryDay('2024-03-01', [['0', 9]])], LATER)).toEqual({ changed: 1 });
        expect(await repo.rows(APP, 'userSummary', '2024-03-01', '2024-03-01')).toEqual([
          { appId: APP, metric: 'userSummary', refDate: '2024-03-01', key: '0', data: { newUser: 9, cancelUser: 0 } },
        ]);
        expect(await repo.storedDays(APP, '2024-03-01', '2024-03-01')).toEqual([{ metric: 'userSummary', refDate: '2024-03-01' }]);
      });

      it('when a day is saved again with other figures, then its rows are updated, a key WeChat no longer reports is removed, and other days stay', async () => {
        await repo.saveDays(APP, [summaryDay('2024-03-01', [['0', 2], ['30', 5]]), summaryDay('2024-03-02', [['0', 1]])], AT);
        expect(await repo.saveDays(APP, [summaryDay('2024-03-01', [['0', 3]])], AT)).toEqual({ changed: 2 });
        expect((await repo.rows(APP, 'userSummary', '2024-03-01', '2024-03-02')).map((r) => [r.refDate, r.key, r.data.newUser]))
          .toEqual([['2024-03-01', '0', 3], ['2024-03-02', '0', 1]]);
      });

      it('when a day that had rows comes back empty, then its rows are removed and counted, and the day stays stored', async () => {
        await repo.saveDays(APP, [summaryDay('2024-03-01', [['0', 2], ['30', 5]])], AT);
        expect(await repo.saveDays(APP, [summaryDay('2024-03-01', [])], LATER)).toEqual({ changed: 2 });
        expect(await repo.rows(APP, 'userSummary', '2024-03-01', '2024-03-01')).toEqual([]);
        expect(await repo.storedDays(APP, '2024-03-01', '2024-03-01')).toEqual([{ metric: 'userSummary', refDate: '2024-03-01' }]);
      });

      it('when rows hold text figures and the empty key, then they come back as they went in, by date then key', async () => {
        await repo.saveDays(APP, [
          { metric: 'articleTotal', refDate: '2024-03-02', rows: [{ key: '2247483647_1', data: { title: '标题', intPageReadUser: 12, statDate: '2024-03-02' } }] },
          { metric: 'articleTotal', refDate: '2024-03-01', rows: [
            { key: 'b', data: { title: 'B', intPageReadUser: 1.5 } },
            { key: '', data: { title: '', intPageReadUser: 0 } },
          ] },
        ], AT);
        expect(await repo.rows(APP, 'articleTotal', '2024-03-01', '2024-03-02')).toStrictEqual([
          { appId: APP, metric: 'articleTotal', refDate: '2024-03-01', key: '', data: { title: '', intPageReadUser: 0 } },
          { appId: APP, metric: 'articleTotal', refDate: '2024-03-01', key: 'b', data: { title: 'B', intPageReadUser: 1.5 } },
          { appId: APP, metric: 'articleTotal', refDate: '2024-03-02', key: '2247483647_1', data: { title: '标题', intPageReadUser: 12, statDate: '2024-03-02' } },
        ]);
      });

      it('when rows are asked for a range, then both ends are included and only that metric and account come', async () => {
        await repo.saveDays(APP, ['2024-02-29', '2024-03-01', '2024-03-02', '2024-03-03'].map((d) => summaryDay(d, [['0', 1]])), AT);
        await repo.saveDays(APP, [{ metric: 'userCumulate', refDate: '2024-03-02', rows: [{ key: '', data: { cumulateUser: 10 } }] }], AT);
        await repo.saveDays(OTHER_APP, [summaryDay('2024-03-02', [['0', 7]])], AT);
        expect((await repo.rows(APP, 'userSummary', '2024-03-01', '2024-03-02')).map((r) => r.refDate)).toEqual(['2024-03-01', '2024-03-02']);
        expect((await repo.rows(OTHER_APP, 'userSummary', '2024-03-01', '2024-03-31')).map((r) => r.data.newUser)).toEqual([7]);
        expect(await repo.rows(APP, 'userRead', '2024-01-01', '2024-12-31')).toEqual([]);
      });

      it('when nothing is given, then nothing changes', async () => {
        expect(await repo.saveDays(APP, [], AT)).toEqual({ changed: 0 });
        expect(await repo.storedDays(APP, '2000-01-01', '2099-12-31')).toEqual([]);
      });

      it('when a batch holds a value that cannot be stored, then none of it is stored', async () => {
        // A BigInt is no JSON number; the first day is fine, the second is not.
        const bad = { metric: 'userSummary', refDate: '2024-03-02', rows: [{ key: '0', data: { newUser: 1n } }] } as unknown as FetchedDay;
        await expect(repo.saveDays(APP, [summaryDay('2024-03-01', [['0', 2]]), bad], AT)).rejects.toThrow();
        expect(await repo.storedDays(APP, '2024-03-01', '2024-03-02')).toEqual([]);
        expect(await repo.rows(APP, 'userSummary', '2024-03-01', '2024-03-02')).toEqual([]);
      });
    });

    describe('storedDays', () => {
      it('when a day had no rows, then it is still listed as stored; other metrics and accounts are kept apart', async () => {
        await repo.saveDays(APP, [summaryDay('2024-03-01', []), { metric: 'upstreamMsg', refDate: '2024-03-02', rows: [{ key: '1', data: { msgUser: 1, msgCount: 2 } }] }], AT);
        await repo.saveDays(OTHER_APP, [summaryDay('2024-03-03', [['0', 1]])], AT);
        expect(await repo.storedDays(APP, '2024-03-01', '2024-03-31')).toEqual([{ metric: 'userSummary', refDate: '2024-03-01' }, { metric: 'upstreamMsg', refDate: '2024-03-02' }]);
        expect(await repo.rows(APP, 'userSummary', '2024-03-01', '2024-03-31')).toEqual([]);
        expect(await repo.rows(APP, 'upstreamMsg', '2024-03-02', '2024-03-02')).toHaveLength(1);
        expect(await repo.storedDays(APP, '2024-03-02', '2024-03-02')).toEqual([{ metric: 'upstreamMsg', refDate: '2024-03-02' }]);
      });

      it('when days of several metrics are stored, then they come by date then metric, both ends of the range included', async () => {
        await repo.saveDays(APP, [
          summaryDay('2024-03-03', []),
          { metric: 'userCumulate', refDate: '2024-03-02', rows: [] },
          summaryDay('2024-03-02', []),
          { metric: 'articleSummary', refDate: '2024-03-02', rows: [] },
          summaryDay('2024-03-01', []),
        ], AT);
        expect(await repo.storedDays(APP, '2024-03-02', '2024-03-03')).toEqual([
          { metric: 'articleSummary', refDate: '2024-03-02' },
          { metric: 'userCumulate', refDate: '2024-03-02' },
          { metric: 'userSummary', refDate: '2024-03-02' },
          { metric: 'userSummary', refDate: '2024-03-03' },
        ]);
      });

      it('when a day is saved twice, then it is listed once', async () => {
        await repo.saveDays(APP, [summaryDay('2024-03-01', [['0', 1]])], AT);
        await repo.saveDays(APP, [summaryDay('2024-03-01', [['0', 1]])], LATER);
        expect(await repo.storedDays(APP, '2024-03-01', '2024-03-01')).toEqual([{ metric: 'userSummary', refDate: '2024-03-01' }]);
      });
    });

    describe('a backfill', () => {
      // A year of two metrics: 365 × (3 + 1) rows in one call, as a backfill of a new account saves them.
      const year = (figure: number): FetchedDay[] => Array.from({ length: 365 }, (_, n) => [
        summaryDay(dayOf(n), [['0', figure], ['1', n], ['30', 1]]),
        { metric: 'userCumulate' as const, refDate: dayOf(n), rows: [{ key: '', data: { cumulateUser: 1000 + n } }] },
      ]).flat();

      it('when a year is saved in one batch, then every row and day is stored, in order, and saving it again changes nothing', async () => {
        expect(await repo.saveDays(APP, year(5), AT)).toEqual({ changed: 365 * 4 });
        const rows = await repo.rows(APP, 'userSummary', dayOf(0), dayOf(364));
        expect(rows).toHaveLength(365 * 3);
        expect(rows.slice(0, 4).map((r) => [r.refDate, r.key])).toEqual([['2023-01-01', '0'], ['2023-01-01', '1'], ['2023-01-01', '30'], ['2023-01-02', '0']]);
        expect(rows.at(-1)).toEqual({ appId: APP, metric: 'userSummary', refDate: '2023-12-31', key: '30', data: { newUser: 1, cancelUser: 0 } });
        expect((await repo.rows(APP, 'userCumulate', '2023-07-01', '2023-07-01'))[0]?.data).toEqual({ cumulateUser: 1181 });
        const days = await repo.storedDays(APP, '2023-01-01', '2023-12-31');
        expect(days).toHaveLength(730);
        expect(days.slice(0, 2)).toEqual([{ metric: 'userCumulate', refDate: '2023-01-01' }, { metric: 'userSummary', refDate: '2023-01-01' }]);
        expect(await repo.saveDays(APP, year(5), LATER)).toEqual({ changed: 0 });
        expect(await repo.rows(APP, 'userSummary', dayOf(0), dayOf(364))).toHaveLength(365 * 3);
      });

      it('when the year is saved again with one figure changed on every day, then exactly those rows change', async () => {
        await repo.saveDays(APP, year(5), AT);
        expect(await repo.saveDays(APP, year(6), LATER)).toEqual({ changed: 365 });
        const rows = await repo.rows(APP, 'userSummary', dayOf(0), dayOf(364));
        expect(rows.filter((r) => r.key === '0').every((r) => r.data.newUser === 6)).toBe(true);
        expect(rows).toHaveLength(365 * 3);
      });
    });

    describe('concurrent saves', () => {
      it('when two saves of the same days race, then each row is stored once and inserted by one of them', async () => {
        const days = [summaryDay('2024-03-01', [['0', 2], ['30', 5]]), summaryDay('2024-03-02', [['0', 1]])];
        const [a, b] = await Promise.all([repo.saveDays(APP, days, AT), repo.saveDays(APP, days, AT)]);
        expect(a!.changed + b!.changed).toBe(3);
        expect(await repo.rows(APP, 'userSummary', '2024-03-01', '2024-03-02')).toHaveLength(3);
        expect(await repo.storedDays(APP, '2024-03-01', '2024-03-02')).toHaveLength(2);
      });
    });
  });
}
