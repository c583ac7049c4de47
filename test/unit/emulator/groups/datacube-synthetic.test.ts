import { APP_ID, audienceEmulator, OTHER_APP_ID } from './users-fake-emulator';

const shanghai = (date: string, hour = 12) => Date.parse(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`) / 1000;
const range = (begin: string, end: string) => ({ begin_date: begin, end_date: end });
const SYNTHETIC = ['getarticlesummary', 'getuserreadhour', 'getusersharehour'];

function withAudience(n = 2000, appId = APP_ID) {
  const e = audienceEmulator();
  e.seed(n, { at: shanghai('2026-02-01'), appId });
  return e;
}

describe('emulator synthetic datacube figures', () => {
  it('when an account has no followers, then article, read and share endpoints have no data', async () => {
    const e = audienceEmulator();
    for (const endpoint of [...SYNTHETIC, 'getarticletotal']) expect(await e.post(`/datacube/${endpoint}`, range('2026-03-09', '2026-03-09'))).toEqual({ list: [] });
    expect(await e.post('/datacube/getuserread', range('2026-03-07', '2026-03-09'))).toEqual({ list: [] });
    expect(await e.post('/datacube/getusershare', range('2026-03-03', '2026-03-09'))).toEqual({ list: [] });
  });

  it('when the same account asks twice or a second emulator is asked, then the figures are identical', async () => {
    const first = withAudience();
    const second = withAudience();
    for (const endpoint of ['getuserread', 'getusershare']) {
      const a = await first.post(`/datacube/${endpoint}`, range('2026-03-07', '2026-03-09'));
      expect(a.list.length).toBeGreaterThan(0);
      expect(await first.post(`/datacube/${endpoint}`, range('2026-03-07', '2026-03-09'))).toEqual(a);
      expect(await second.post(`/datacube/${endpoint}`, range('2026-03-07', '2026-03-09'))).toEqual(a);
    }
  });

  it('when two accounts have the same audience, then their figures differ (the seed includes the appId)', async () => {
    const e = withAudience();
    e.seed(2000, { at: shanghai('2026-02-01'), appId: OTHER_APP_ID, prefix: 'x' });
    const mine = await e.post('/datacube/getuserread', range('2026-03-07', '2026-03-09'));
    const theirs = await e.post('/datacube/getuserread', range('2026-03-07', '2026-03-09'), OTHER_APP_ID);
    expect(theirs).not.toEqual(mine);
  });

  it('when reads are reported, then readers never exceed the followers of the day and counts never fall below users', async () => {
    const e = withAudience(300);
    const days = ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07'];
    for (const day of days) {
      for (const row of (await e.post('/datacube/getarticlesummary', range(day, day))).list) {
        expect(row.msgid).toMatch(/^\d+_\d$/);
        expect(row.int_page_read_user).toBeLessThanOrEqual(300);
        expect(row.int_page_read_count).toBeGreaterThanOrEqual(row.int_page_read_user);
        expect(row.share_count).toBeGreaterThanOrEqual(row.share_user);
      }
    }
  });

  it('when an article total is read, then its details run from the send day to yesterday at most, cumulative and never falling', async () => {
    const e = withAudience();
    let seen = 0;
    for (const day of ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08']) {
      for (const row of (await e.post('/datacube/getarticletotal', range(day, day))).list) {
        seen += 1;
        expect(row.details[0].stat_date).toBe(day);
        expect(row.details[row.details.length - 1].stat_date <= '2026-03-09').toBe(true);
        for (let i = 1; i < row.details.length; i++) expect(row.details[i].int_page_read_count).toBeGreaterThanOrEqual(row.details[i - 1].int_page_read_count);
        const summary = (await e.post('/datacube/getarticlesummary', range(day, day))).list.find((s: { msgid: string }) => s.msgid === row.msgid);
        expect(summary.int_page_read_count).toBe(row.details[0].int_page_read_count);
      }
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('when followers act while a webhook is configured, then getinterfacesummary counts one callback per activity per day', async () => {
    const e = audienceEmulator();
    e.emu.follow(APP_ID, 'a', { at: shanghai('2026-03-05', 9) });
    e.emu.recordActivity(APP_ID, 'a', { kind: 'message', msgType: 'text', at: shanghai('2026-03-05', 10) });
    e.emu.recordActivity(APP_ID, 'a', { kind: 'click', menuType: 'click', key: 'K', at: shanghai('2026-03-06', 10) });
    const rows = (await e.post('/datacube/getinterfacesummary', range('2026-03-01', '2026-03-09'))).list;
    expect(rows.map((r: { ref_date: string; callback_count: number; fail_count: number }) => [r.ref_date, r.callback_count, r.fail_count])).toEqual([['2026-03-05', 2, 0], ['2026-03-06', 1, 0]]);
    expect(rows[0].max_time_cost).toBeGreaterThan(0);
    const hours = (await e.post('/datacube/getinterfacesummaryhour', range('2026-03-05', '2026-03-05'))).list;
    expect(hours.map((r: { ref_hour: number; callback_count: number }) => [r.ref_hour, r.callback_count])).toEqual([[900, 1], [1000, 1]]);
  });
});
