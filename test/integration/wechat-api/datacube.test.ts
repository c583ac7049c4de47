import { DatacubeApi } from '../../../src/wechat-api/datacube';
import { audienceSetup } from './users-emulator';

/** The Shanghai calendar date of unix seconds, via Intl — independent of the emulator's own arithmetic. */
const shanghaiDate = (seconds: number) => new Date(seconds * 1000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
const windowsOf = (calls: { body?: unknown }[]) => calls.map((c) => c.body as { begin_date: string; end_date: string }).map((b) => `${b.begin_date}..${b.end_date}`);

describe('datacube against the emulator', () => {
  let setup: Awaited<ReturnType<typeof audienceSetup>>;
  let seeded: string[];
  beforeAll(async () => {
    setup = await audienceSetup();
    // Seeded followers followed over the 30 days before 2026-03-10.
    seeded = await setup.seed(3_000);
    // 150 unfollow on 2026-03-10, 40 new follows by QR code on 2026-03-11, then it is 2026-03-12.
    for (const openid of seeded.slice(0, 150)) setup.emulator.emu.unfollow(setup.emulator.account.appId, openid);
    setup.clock.advance(86_400_000);
    for (let i = 0; i < 40; i++) setup.emulator.emu.follow(setup.emulator.account.appId, `oQR${i}`, { qrScene: 42 });
    setup.clock.advance(86_400_000);
  });
  afterAll(() => setup.emulator.close());
  beforeEach(() => void setup.calls.splice(0));

  it('when 30 days of user summary are asked for, then 5 legal windows are fetched and the totals match the follows and unfollows the emulator saw', async () => {
    const api = new DatacubeApi(setup.caller, setup.clock);
    const rows = await api.userSummary('2026-02-10', '2026-03-11');
    expect(windowsOf(setup.calls)).toEqual(['2026-02-10..2026-02-16', '2026-02-17..2026-02-23', '2026-02-24..2026-03-02', '2026-03-03..2026-03-09', '2026-03-10..2026-03-11']);

    const inRange = (s: number | null) => s !== null && shanghaiDate(s) >= '2026-02-10' && shanghaiDate(s) <= '2026-03-11';
    const followers = [...setup.emulator.emu.followers(setup.emulator.account.appId).values()];
    const follows = followers.filter((f) => inRange(f.subscribeTime)).length;
    const unfollows = followers.filter((f) => inRange(f.unsubscribeTime)).length;
    expect(unfollows).toBe(150);
    expect(follows).toBeGreaterThan(2_500);
    expect(rows.reduce((n, r) => n + r.newUser, 0)).toBe(follows);
    expect(rows.reduce((n, r) => n + r.cancelUser, 0)).toBe(unfollows);
    expect(rows.filter((r) => r.userSource === 30)).toEqual([{ refDate: '2026-03-11', userSource: 30, newUser: 40, cancelUser: 0 }]);
    expect(rows.every((r) => r.refDate >= '2026-02-10' && r.refDate <= '2026-03-11')).toBe(true);
  });

  it('when the same 30 days go to the emulator in one call, then it refuses the span with 61501', async () => {
    await expect(setup.caller.post('/datacube/getusersummary', { begin_date: '2026-02-10', end_date: '2026-03-11' })).rejects.toMatchObject({ errcode: 61501 });
  });

  it('when cumulate is read, then each day differs from the one before by that day’s new minus cancelled users', async () => {
    const api = new DatacubeApi(setup.caller, setup.clock);
    const summary = await api.userSummary('2026-02-20', '2026-03-11');
    const cumulate = await api.userCumulate('2026-02-19', '2026-03-11');
    for (let i = 1; i < cumulate.length; i++) {
      const day = cumulate[i]!.refDate;
      const net = summary.filter((r) => r.refDate === day).reduce((n, r) => n + r.newUser - r.cancelUser, 0);
      expect(cumulate[i]!.cumulateUser - cumulate[i - 1]!.cumulateUser).toBe(net);
    }
    expect(cumulate[cumulate.length - 1]).toEqual({ refDate: '2026-03-11', cumulateUser: 3_000 - 150 + 40 });
  });

  it('when the range ends today, then the client refuses before calling', async () => {
    await expect(new DatacubeApi(setup.caller, setup.clock).userSummary('2026-03-10', '2026-03-12')).rejects.toThrow(/yesterday \(2026-03-11/);
    expect(setup.calls).toHaveLength(0);
  });

  it('when every endpoint is asked for its longest legal range ending yesterday, then each answers a list', async () => {
    const api = new DatacubeApi(setup.caller, setup.clock);
    const all: ((begin: string, end: string) => Promise<unknown[]>)[] = [
      (b, e) => api.articleSummary(b, e), (b, e) => api.articleTotal(b, e), (b, e) => api.userRead(b, e), (b, e) => api.userReadHour(b, e),
      (b, e) => api.userShare(b, e), (b, e) => api.userShareHour(b, e), (b, e) => api.upstreamMsg(b, e), (b, e) => api.upstreamMsgHour(b, e),
      (b, e) => api.upstreamMsgWeek(b, e), (b, e) => api.upstreamMsgMonth(b, e), (b, e) => api.upstreamMsgDist(b, e),
      (b, e) => api.upstreamMsgDistWeek(b, e), (b, e) => api.upstreamMsgDistMonth(b, e), (b, e) => api.interfaceSummary(b, e),
      (b, e) => api.interfaceSummaryHour(b, e),
    ];
    for (const method of all) expect(Array.isArray(await method('2026-02-10', '2026-03-11'))).toBe(true);
    const articles = await api.articleSummary('2026-03-01', '2026-03-11');
    expect(articles.length).toBeGreaterThan(0);
    expect(articles[0]).toEqual(expect.objectContaining({ msgId: expect.stringMatching(/_\d$/), intPageReadUser: expect.any(Number) }));
  });
});
