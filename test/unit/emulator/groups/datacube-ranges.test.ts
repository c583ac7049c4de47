import { audienceEmulator } from './users-fake-emulator';

// The fake's clock: 2026-03-10 12:00 in Shanghai, so yesterday is 2026-03-09.
const SPANS: [string, number][] = [
  ['getusersummary', 7], ['getusercumulate', 7], ['getarticlesummary', 1], ['getarticletotal', 1], ['getuserread', 3],
  ['getuserreadhour', 1], ['getusershare', 7], ['getusersharehour', 1], ['getupstreammsg', 7], ['getupstreammsghour', 1],
  ['getupstreammsgweek', 30], ['getupstreammsgmonth', 30], ['getupstreammsgdist', 15], ['getupstreammsgdistweek', 30],
  ['getupstreammsgdistmonth', 30], ['getinterfacesummary', 30], ['getinterfacesummaryhour', 1],
];
const minusDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

describe('emulator datacube ranges', () => {
  it.each(SPANS)('when %s gets its maximum of %i days, then it answers a list; one day more, then 61501', async (endpoint, span) => {
    const e = audienceEmulator();
    const ok = await e.post(`/datacube/${endpoint}`, { begin_date: minusDays('2026-03-09', span - 1), end_date: '2026-03-09' });
    expect(ok).toEqual({ list: expect.any(Array) });
    const over = await e.post(`/datacube/${endpoint}`, { begin_date: minusDays('2026-03-09', span), end_date: '2026-03-09' });
    expect(over.errcode).toBe(61501);
  });

  it('when the end date is today in Shanghai, then 61501', async () => {
    const e = audienceEmulator();
    expect((await e.post('/datacube/getusersummary', { begin_date: '2026-03-10', end_date: '2026-03-10' })).errcode).toBe(61501);
  });

  it('when it is already the next day in Shanghai but not yet in UTC, then the UTC date counts as yesterday', async () => {
    const e = audienceEmulator(Date.UTC(2026, 2, 10, 16, 30)); // 2026-03-11 00:30 in Shanghai
    expect(await e.post('/datacube/getusersummary', { begin_date: '2026-03-10', end_date: '2026-03-10' })).toEqual({ list: [] });
    expect((await e.post('/datacube/getusersummary', { begin_date: '2026-03-11', end_date: '2026-03-11' })).errcode).toBe(61501);
  });

  it('when the end is before the begin, then 61501', async () => {
    const e = audienceEmulator();
    expect((await e.post('/datacube/getusersummary', { begin_date: '2026-03-05', end_date: '2026-03-04' })).errcode).toBe(61501);
  });

  it.each([
    ['a single-digit month', { begin_date: '2026-3-01', end_date: '2026-03-02' }],
    ['a date that does not exist', { begin_date: '2026-02-30', end_date: '2026-03-02' }],
    ['a missing end_date', { begin_date: '2026-03-01' }],
    ['a number', { begin_date: 20260301, end_date: '2026-03-02' }],
  ])('when the body has %s, then 61500', async (_what, body) => {
    expect((await audienceEmulator().post('/datacube/getusersummary', body)).errcode).toBe(61500);
  });
});
