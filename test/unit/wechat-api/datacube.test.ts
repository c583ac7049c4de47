import { ManualClock } from '../../../src/shared/clock';
import { ValidationError } from '../../../src/shared/errors';
import { DatacubeApi } from '../../../src/wechat-api/datacube';
import { DATACUBE_MAX_SPAN, type DatacubeEndpoint } from '../../../src/wechat-api/datacube-windows';
import { fakeCaller, type RecordedCall } from './users-fake-caller';

// 2026-03-10 12:00 in Shanghai: yesterday there is 2026-03-09.
const clock = () => new ManualClock(Date.UTC(2026, 2, 10, 4, 0, 0));
const windowsOf = (calls: RecordedCall[]) => calls.map((c) => c.body as { begin_date: string; end_date: string }).map((b) => `${b.begin_date}..${b.end_date}`);
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('DatacubeApi window splitting', () => {
  const spans = Object.entries(DATACUBE_MAX_SPAN) as [DatacubeEndpoint, number][];

  it('when the spans are read, then they are exactly those of protocol doc §9', () => {
    expect(DATACUBE_MAX_SPAN).toEqual({
      getusersummary: 7, getusercumulate: 7, getarticlesummary: 1, getarticletotal: 1, getuserread: 3, getuserreadhour: 1,
      getusershare: 7, getusersharehour: 1, getupstreammsg: 7, getupstreammsghour: 1, getupstreammsgweek: 30,
      getupstreammsgmonth: 30, getupstreammsgdist: 15, getupstreammsgdistweek: 30, getupstreammsgdistmonth: 30,
      getinterfacesummary: 30, getinterfacesummaryhour: 1,
    });
  });

  it.each(spans)('when a %s range is exactly its maximum of %i days, then one call covers it', async (endpoint, span) => {
    const caller = fakeCaller(() => ({ list: [] }));
    const begin = '2026-01-01';
    await new DatacubeApi(caller, clock()).fetch(endpoint, begin, addDays(begin, span - 1));
    expect(windowsOf(caller.calls)).toEqual([`${begin}..${addDays(begin, span - 1)}`]);
    expect(caller.calls[0]!.path).toBe(`/datacube/${endpoint}`);
  });

  it.each(spans)('when a %s range is one day over its maximum of %i, then a second one-day window follows', async (endpoint, span) => {
    const caller = fakeCaller(() => ({ list: [] }));
    const begin = '2026-01-01';
    await new DatacubeApi(caller, clock()).fetch(endpoint, begin, addDays(begin, span));
    expect(windowsOf(caller.calls)).toEqual([`${begin}..${addDays(begin, span - 1)}`, `${addDays(begin, span)}..${addDays(begin, span)}`]);
  });

  it('when 30 days of user summary are asked for, then five consecutive windows of 7,7,7,7,2 days are fetched and the rows concatenated in order', async () => {
    const caller = fakeCaller((call) => {
      const { begin_date } = call.body as { begin_date: string };
      return { list: [{ ref_date: begin_date, user_source: 0, new_user: 1, cancel_user: 0 }] };
    });
    const rows = await new DatacubeApi(caller, clock()).userSummary('2026-02-01', '2026-03-02');
    expect(windowsOf(caller.calls)).toEqual(['2026-02-01..2026-02-07', '2026-02-08..2026-02-14', '2026-02-15..2026-02-21', '2026-02-22..2026-02-28', '2026-03-01..2026-03-02']);
    expect(rows.map((r) => r.refDate)).toEqual(['2026-02-01', '2026-02-08', '2026-02-15', '2026-02-22', '2026-03-01']);
    expect(rows[0]).toEqual({ refDate: '2026-02-01', userSource: 0, newUser: 1, cancelUser: 0 });
  });

  it('when rows carry nested details, msgid or the wechatpy spelling max_time_count, then they come back camelCase', async () => {
    const caller = fakeCaller((call) =>
      call.path.endsWith('getarticletotal')
        ? { list: [{ ref_date: '2026-03-01', msgid: '10000050_1', title: 't', details: [{ stat_date: '2026-03-01', target_user: 9, int_page_read_user: 1 }] }] }
        : { list: [{ ref_date: '2026-03-01', callback_count: 3, fail_count: 0, total_time_cost: 30, max_time_count: 12 }] },
    );
    const api = new DatacubeApi(caller, clock());
    expect(await api.articleTotal('2026-03-01', '2026-03-01')).toEqual([
      { refDate: '2026-03-01', msgId: '10000050_1', title: 't', details: [{ statDate: '2026-03-01', targetUser: 9, intPageReadUser: 1 }] },
    ]);
    expect(await api.interfaceSummary('2026-03-01', '2026-03-01')).toEqual([{ refDate: '2026-03-01', callbackCount: 3, failCount: 0, totalTimeCost: 30, maxTimeCost: 12 }]);
  });
});

describe('DatacubeApi range checks', () => {
  const rejects = async (begin: string, end: string, c = clock()) => {
    const caller = fakeCaller(() => ({ list: [] }));
    await expect(new DatacubeApi(caller, c).userSummary(begin, end)).rejects.toBeInstanceOf(ValidationError);
    expect(caller.calls).toHaveLength(0);
  };

  it('when the range ends yesterday in Shanghai, then it is fetched', async () => {
    const caller = fakeCaller(() => ({ list: [] }));
    await new DatacubeApi(caller, clock()).userSummary('2026-03-09', '2026-03-09');
    expect(caller.calls).toHaveLength(1);
  });

  it('when the range ends today in Shanghai, then it fails before any call', () => rejects('2026-03-09', '2026-03-10'));

  it('when it is already tomorrow in Shanghai but still today in UTC, then today (UTC) counts as yesterday', async () => {
    // 2026-03-10 16:30 UTC is 2026-03-11 00:30 in Shanghai.
    const late = new ManualClock(Date.UTC(2026, 2, 10, 16, 30));
    const caller = fakeCaller(() => ({ list: [] }));
    await new DatacubeApi(caller, late).userSummary('2026-03-10', '2026-03-10');
    expect(caller.calls).toHaveLength(1);
    await rejects('2026-03-11', '2026-03-11', late);
  });

  it('when the end is before the begin, then it fails before any call', () => rejects('2026-03-05', '2026-03-04'));
  it('when a date is not YYYY-MM-DD, then it fails before any call', () => rejects('2026-3-1', '2026-03-04'));
  it('when a date does not exist, then it fails before any call', () => rejects('2026-02-29', '2026-03-04'));

  it('when the error is raised, then its message names the latest allowed date', async () => {
    await expect(new DatacubeApi(fakeCaller(() => ({ list: [] })), clock()).upstreamMsg('2026-03-01', '2026-03-12')).rejects.toThrow(/2026-03-09/);
  });
});
