import { APP, NOW, serviceWith } from './fake-datacube';

const HOUR = 3_600_000;

describe('AnalyticsService gaps and the daily pull', () => {
  it('when some (metric, day) pairs were never fetched, then gaps lists them per metric as dates and runs', async () => {
    const { service } = serviceWith();
    await service.backfill(APP, '2024-03-01', '2024-03-03');
    await service.backfill(APP, '2024-03-06', '2024-03-06');
    const gaps = await service.gaps(APP, '2024-03-01', '2024-03-07');
    expect(gaps.total).toBe(7 * 3);
    expect(gaps.missing).toHaveLength(7);
    expect(gaps.missing[0]).toEqual({ metric: 'userSummary', dates: ['2024-03-04', '2024-03-05', '2024-03-07'], runs: [{ since: '2024-03-04', until: '2024-03-05' }, { since: '2024-03-07', until: '2024-03-07' }] });
  });

  it('when a range runs past yesterday, then the days after yesterday are not gaps', async () => {
    const { service } = serviceWith();
    await service.backfill(APP, '2024-03-18', '2024-03-19');
    expect((await service.gaps(APP, '2024-03-18', '2024-03-25')).total).toBe(0);
  });

  it('when gaps are repaired, then exactly the missing pairs are fetched and none remain', async () => {
    const { service, cube } = serviceWith();
    await service.backfill(APP, '2024-03-01', '2024-03-03');
    cube.calls.splice(0);
    const repaired = await service.repairGaps(APP, '2024-03-01', '2024-03-05');
    expect(repaired).toMatchObject({ gapsBefore: 14, daysStored: 14 });
    expect(cube.calls.every((c) => c.begin >= '2024-03-04')).toBe(true);
    expect((await service.gaps(APP, '2024-03-01', '2024-03-05')).total).toBe(0);
    expect((await service.repairGaps(APP, '2024-03-01', '2024-03-05')).calls).toBe(0);
  });

  it('when it is before 08:00 in the account’s zone, then the account is not due; after 08:00 it is, until its yesterday is stored', async () => {
    const { service, clock } = serviceWith();
    clock.set(Date.UTC(2024, 2, 19, 23, 30)); // 07:30 on 2024-03-20 in Shanghai
    expect(await service.dueDaily()).toEqual([]);
    clock.set(Date.UTC(2024, 2, 20, 0, 5)); // 08:05
    expect(await service.dueDaily()).toEqual([{ appId: APP, date: '2024-03-19' }]);
    const [outcome] = await service.runDaily();
    expect(outcome).toMatchObject({ appId: APP, date: '2024-03-19', result: { daysStored: 7 * 7 } });
    expect(await service.dueDaily()).toEqual([]);
  });

  it('when the account is in a zone behind Beijing, then its yesterday waits for 08:00 there and the pull fetches only what the last week lacks', async () => {
    const accounts = [{ appId: APP, timeZone: 'Europe/London', hasAppSecret: true }, { appId: 'wxnosecret000000000', timeZone: 'Asia/Shanghai', hasAppSecret: false }];
    const { service, clock, cube } = serviceWith({ accounts });
    clock.set(NOW - 3 * HOUR); // 2024-03-19 23:00 in London: its yesterday is 03-18, but 08:00 has passed there
    expect(await service.dueDaily()).toEqual([{ appId: APP, date: '2024-03-18' }]);
    await service.backfill(APP, '2024-03-12', '2024-03-17');
    cube.calls.splice(0);
    await service.runDaily();
    const windows = cube.calls.map((c) => `${c.endpoint}:${c.begin}..${c.end}`);
    // Every metric of the missing day, then the articles of the 6 days before it again (their totals still grow).
    expect(windows.filter((w) => w.endsWith('2024-03-18..2024-03-18'))).toHaveLength(7);
    expect(windows.filter((w) => !w.endsWith('2024-03-18..2024-03-18'))).toEqual(
      ['12', '13', '14', '15', '16', '17'].map((d) => `getarticletotal:2024-03-${d}..2024-03-${d}`),
    );
    clock.set(Date.UTC(2024, 2, 20, 7, 0)); // 07:00 in London on 03-20
    expect(await service.dueDaily()).toEqual([]);
  });

  it('when one account’s pull fails, then the others are still pulled and the failure is reported', async () => {
    const accounts = [{ appId: APP, timeZone: 'Asia/Shanghai', hasAppSecret: true }, { appId: 'wx2234567890abcdef', timeZone: 'Asia/Shanghai', hasAppSecret: true }];
    const { service } = serviceWith({ accounts, failures: [new Error('48001 api unauthorized')] });
    const outcomes = await service.runDaily();
    expect(outcomes[0]).toMatchObject({ appId: APP, error: '48001 api unauthorized' });
    expect(outcomes[1]).toMatchObject({ appId: 'wx2234567890abcdef', result: { windows: 1 + 1 + 7 + 7 + 3 + 1 + 1 } });
  });
});
