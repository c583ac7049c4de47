import { ValidationError } from '../../../../src/shared/errors';
import { APP, serviceWith } from './fake-datacube';

describe('AnalyticsService.backfill', () => {
  it('when 30 days are backfilled, then each endpoint is called once per legal window, in order, with a pause between calls', async () => {
    const { service, cube, pauses } = serviceWith();
    const result = await service.backfill(APP, '2024-02-19', '2024-03-19');
    // 30 days: 7-day endpoints 5 windows (7+7+7+7+2), 3-day getuserread 10, 1-day endpoints 30.
    expect(cube.countBy()).toEqual({ getusersummary: 5, getusercumulate: 5, getarticlesummary: 30, getarticletotal: 30, getuserread: 10, getusershare: 5, getupstreammsg: 5 });
    expect(result).toMatchObject({ calls: 90, windows: 90, daysStored: 7 * 30 });
    expect(result.callsByEndpoint).toEqual(cube.countBy());
    expect(cube.calls.filter((c) => c.endpoint === 'getusersummary').map((c) => `${c.begin}..${c.end}`)).toEqual([
      '2024-02-19..2024-02-25', '2024-02-26..2024-03-03', '2024-03-04..2024-03-10', '2024-03-11..2024-03-17', '2024-03-18..2024-03-19',
    ]);
    expect(pauses).toEqual(Array(89).fill(100));
  });

  it('when the same range is backfilled again, then no call is made and nothing changes', async () => {
    const { service, cube } = serviceWith();
    await service.backfill(APP, '2024-03-01', '2024-03-19');
    cube.calls.splice(0);
    expect(await service.backfill(APP, '2024-03-01', '2024-03-19')).toMatchObject({ calls: 0, windows: 0, daysStored: 0, rowsChanged: 0 });
    expect(cube.calls).toHaveLength(0);
  });

  it('when force is given, then stored days are fetched again but unchanged figures change no row', async () => {
    const { service, cube } = serviceWith();
    const first = await service.backfill(APP, '2024-03-13', '2024-03-19');
    cube.calls.splice(0);
    const again = await service.backfill(APP, '2024-03-13', '2024-03-19', { force: true });
    expect(first.rowsChanged).toBeGreaterThan(0);
    expect(again).toMatchObject({ calls: first.calls, daysStored: 49, rowsChanged: 0 });
  });

  it('when part of a range is stored, then only the missing days are fetched, each run in legal windows', async () => {
    const { service, cube } = serviceWith();
    await service.backfill(APP, '2024-03-05', '2024-03-06');
    cube.calls.splice(0);
    await service.backfill(APP, '2024-03-01', '2024-03-10');
    const summary = cube.calls.filter((c) => c.endpoint === 'getusersummary').map((c) => `${c.begin}..${c.end}`);
    expect(summary).toEqual(['2024-03-01..2024-03-04', '2024-03-07..2024-03-10']);
  });

  it('when WeChat has no rows for some days, then those days still count as stored and are not fetched again', async () => {
    const { service, cube } = serviceWith({ empty: new Set(['2024-03-18']) });
    await service.backfill(APP, '2024-03-17', '2024-03-19');
    cube.calls.splice(0);
    expect((await service.gaps(APP, '2024-03-17', '2024-03-19')).total).toBe(0);
    expect((await service.backfill(APP, '2024-03-17', '2024-03-19')).calls).toBe(0);
  });

  it('when the range ends today or is malformed, then it is refused before any call', async () => {
    const { service, cube } = serviceWith();
    await expect(service.backfill(APP, '2024-03-19', '2024-03-20')).rejects.toThrow(/later than yesterday \(2024-03-19/);
    await expect(service.backfill(APP, '2024-03-10', '2024-03-01')).rejects.toThrow(ValidationError);
    await expect(service.backfill(APP, '2024-02-30', '2024-03-01')).rejects.toThrow(/YYYY-MM-DD/);
    await expect(service.backfill(APP, '2014-11-30', '2014-12-02')).rejects.toThrow(/2014-12-01/);
    await expect(service.backfill(APP, '2014-12-01', '2024-03-19')).rejects.toThrow(/longer than/);
    expect(cube.calls).toHaveLength(0);
  });

  it('when a call fails transiently, then the window is tried again after a longer pause; a permanent failure stops the backfill with what came before stored', async () => {
    const busy = Object.assign(new Error('system busy'), { transient: true });
    const { service, pauses } = serviceWith({ failures: [busy] });
    const result = await service.backfill(APP, '2024-03-19', '2024-03-19');
    expect(result).toMatchObject({ calls: 8, windows: 7, daysStored: 7 });
    expect(pauses[0]).toBe(2_000);

    const broken = serviceWith({ failures: [undefined, undefined, new Error('40001 invalid credential')] });
    await expect(broken.service.backfill(APP, '2024-03-19', '2024-03-19')).rejects.toThrow(/40001/);
    expect(broken.cube.calls).toHaveLength(3);
    expect(await broken.repo.storedDays(APP, '2024-03-19', '2024-03-19')).toEqual([{ metric: 'userSummary', refDate: '2024-03-19' }, { metric: 'userCumulate', refDate: '2024-03-19' }]);
    // Run again, it resumes: only the five metrics not stored are fetched.
    broken.cube.calls.splice(0);
    expect((await broken.service.backfill(APP, '2024-03-19', '2024-03-19')).calls).toBe(5);
  });

  it('when pullDay is asked for a stored day, then it fetches that day of every metric again', async () => {
    const { service, cube } = serviceWith();
    await service.backfill(APP, '2024-03-19', '2024-03-19');
    cube.calls.splice(0);
    expect((await service.pullDay(APP, '2024-03-19')).calls).toBe(7);
    expect(cube.calls.every((c) => c.begin === '2024-03-19' && c.end === '2024-03-19')).toBe(true);
  });
});
