import { AnalyticsService } from '../../src/modules/analytics';
import { ManualClock } from '../../src/shared/clock';
import { addDays } from '../../src/shared/zoned-time';
import { SqliteAnalyticsRepository } from '../../src/store/sqlite/analytics.repo';
import { openDatabase, type SqliteDatabase } from '../../src/store/sqlite/database';
import { MemoryTokenStore, WeChatApiClients } from '../../src/wechat-api';
import { isTransientFailure } from '../../src/wechat-api/errors';
import { startEmulator, type StartedEmulator } from '../helpers/emulator';
import { NOW_SECONDS } from '../helpers/runtime';
import { TEST_ACCOUNT } from '../helpers/wechat-client';

/**
 * A year of datacube through the real client into SQLite, against the emulator, which refuses
 * any window longer than the endpoint allows (61501): a wrong split fails this test loudly.
 * The clock is the test runtime's, 2023-11-15 06:13 in Shanghai, so yesterday is 2023-11-14.
 * Wired as main.ts will wire it (WeChatApiClients, the SQLite repository), without the rest of the runtime.
 */
const FIRST = '2022-11-15';
const LAST = '2023-11-14';
const APP = TEST_ACCOUNT.appId;
/** 12:00 in Shanghai on `date`, in unix seconds. */
const noon = (date: string) => Date.parse(`${date}T04:00:00Z`) / 1000;

interface Expected {
  newByDay: Map<string, number>;
  cancelByDay: Map<string, number>;
  bySource: Record<string, number>;
  textByDay: Map<string, number>;
  imageByDay: Map<string, number>;
}

/** Every day 1–5 follows (search or QR code), every 10th day an unfollow, text messages every 3rd day, an image every 7th. */
function seedYear(emulator: StartedEmulator, clock: ManualClock): Expected {
  const { emu } = emulator;
  const e: Expected = { newByDay: new Map(), cancelByDay: new Map(), bySource: {}, textByDay: new Map(), imageByDay: new Map() };
  const followed: string[] = [];
  let n = 0;
  for (let i = 0; i < 365; i++) {
    const date = addDays(FIRST, i);
    const at = noon(date);
    for (let k = 0; k <= i % 5; k++) {
      const openid = `oYear${String(n++).padStart(23, '0')}`;
      emu.follow(APP, openid, k % 2 === 1 ? { at, qrScene: 7 } : { at, scene: 'ADD_SCENE_SEARCH' });
      followed.push(openid);
      const source = k % 2 === 1 ? '30' : '1';
      e.bySource[source] = (e.bySource[source] ?? 0) + 1;
    }
    e.newByDay.set(date, (i % 5) + 1);
    if (i % 10 === 9) {
      clock.set((at + 3_600) * 1000);
      emu.unfollow(APP, followed[i]!);
      e.cancelByDay.set(date, 1);
    }
    if (i % 3 === 0) {
      for (const minute of [1, 2]) emu.recordActivity(APP, followed[followed.length - 1]!, { kind: 'message', msgType: 'text', at: at + minute * 60 });
      e.textByDay.set(date, 2);
    }
    if (i % 7 === 0) {
      emu.recordActivity(APP, followed[0]!, { kind: 'message', msgType: 'image', at: at + 600 });
      e.imageByDay.set(date, 1);
    }
  }
  clock.set(NOW_SECONDS * 1000);
  return e;
}

const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

describe('analytics backfill against the emulator', () => {
  let emulator: StartedEmulator;
  let db: SqliteDatabase;
  let repo: SqliteAnalyticsRepository;
  let wechatApi: WeChatApiClients;
  let expected: Expected;
  let service: AnalyticsService;
  const pauses: number[] = [];
  const datacubeCalls = async (): Promise<Record<string, number>> => {
    const stats = (await (await fetch(`${emulator.url}/__emulator/accounts/${APP}/stats`)).json()) as { apiCalls: Record<string, number> };
    return Object.fromEntries(Object.entries(stats.apiCalls).filter(([path]) => path.startsWith('/datacube/')).map(([path, n]) => [path.slice('/datacube/'.length), n]));
  };
  const snapshot = async () => Promise.all((['userSummary', 'userCumulate', 'articleSummary', 'articleTotal', 'userRead', 'userShare', 'upstreamMsg'] as const).map((m) => repo.rows(APP, m, FIRST, LAST)));

  beforeAll(async () => {
    const emuClock = new ManualClock(NOW_SECONDS * 1000);
    emulator = await startEmulator({ clock: emuClock });
    expected = seedYear(emulator, emuClock);
    const clock = new ManualClock(NOW_SECONDS * 1000);
    db = openDatabase(':memory:');
    repo = new SqliteAnalyticsRepository(db);
    wechatApi = new WeChatApiClients({
      baseUrl: emulator.url, timeoutMs: 5_000, tokenStore: new MemoryTokenStore(clock), clock,
      credentials: async (appId) => (appId === APP ? { appId, appSecret: TEST_ACCOUNT.appSecret } : null),
    });
    const account = { appId: APP, timeZone: 'Asia/Shanghai', hasAppSecret: true };
    service = new AnalyticsService({
      repo,
      platform: { forAccount: (appId) => wechatApi.forAccount(appId), isTransient: isTransientFailure },
      accounts: { list: async () => [account], get: async () => account },
      clock,
      throttleMs: 100,
      sleep: async (ms) => void pauses.push(ms),
    });
  });
  afterAll(async () => {
    db?.close();
    await emulator?.close();
  });

  it('when 365 days are backfilled, then each endpoint gets exactly its legal windows, every (metric, day) is stored once, and a second run calls nothing and changes nothing', async () => {
    const started = Date.now();
    const result = await service.backfill(APP, FIRST, LAST);
    const elapsedMs = Date.now() - started;
    // 365 days: ⌈365/7⌉ = 53 for the 7-day endpoints, ⌈365/3⌉ = 122 for getuserread, 365 for the 1-day ones.
    const legal = { getusersummary: 53, getusercumulate: 53, getarticlesummary: 365, getarticletotal: 365, getuserread: 122, getusershare: 53, getupstreammsg: 53 };
    expect(await datacubeCalls()).toEqual(legal);
    expect(result).toMatchObject({ calls: 1064, windows: 1064, daysStored: 365 * 7, callsByEndpoint: legal });
    expect(pauses).toEqual(Array(1063).fill(100));
    const stored = await repo.storedDays(APP, FIRST, LAST);
    expect(stored).toHaveLength(365 * 7);
    expect(new Set(stored.map((d) => `${d.metric}|${d.refDate}`)).size).toBe(365 * 7);
    expect(elapsedMs).toBeLessThan(60_000);

    const before = await snapshot();
    const again = await service.backfill(APP, FIRST, LAST);
    expect(again).toEqual({ calls: 0, windows: 0, daysStored: 0, rowsChanged: 0, callsByEndpoint: {} });
    expect(await datacubeCalls()).toEqual(legal);
    expect(await snapshot()).toEqual(before);
    expect((await service.gaps(APP, FIRST, LAST)).total).toBe(0);
  });

  it('when the year is reported, then followers and messages equal what the emulator saw, and reads equal what its datacube answers directly', async () => {
    const followers = await service.followerGrowth(APP, FIRST, LAST);
    expect(followers.totals).toEqual({
      new: sum(expected.newByDay), cancelled: sum(expected.cancelByDay), net: sum(expected.newByDay) - sum(expected.cancelByDay),
      cumulativeAtEnd: sum(expected.newByDay) - sum(expected.cancelByDay), bySource: expected.bySource,
    });
    expect(followers.perDay.find((d) => d.date === '2022-11-24')).toMatchObject({ new: 5, cancelled: 1, net: 4, cumulative: 1 + 2 + 3 + 4 + 5 + 1 + 2 + 3 + 4 + 5 - 1 });

    const messages = await service.messages(APP, FIRST, LAST);
    expect(messages.totals).toEqual({ messages: sum(expected.textByDay) + sum(expected.imageByDay), byType: { text: sum(expected.textByDay), image: sum(expected.imageByDay) } });
    expect(messages.perDay[0]).toEqual({ date: FIRST, messages: 3, byType: { text: { messages: 2, senders: 1 }, image: { messages: 1, senders: 1 } } });

    const since = addDays(LAST, -29);
    const api = (await wechatApi.forAccount(APP))!;
    const direct = await api.datacube.userRead(since, LAST);
    const articles = await service.articles(APP, since, LAST);
    expect(direct.length).toBeGreaterThan(0);
    expect(articles.totals.reads).toBe(direct.reduce((n, r) => n + r.intPageReadCount, 0));
    expect(articles.totals.favourites).toBe(direct.reduce((n, r) => n + r.addToFavCount, 0));
    const sent = await api.datacube.articleSummary(LAST, LAST);
    expect(articles.perArticle.filter((a) => a.sentOn === LAST).map((a) => a.msgId)).toEqual(sent.map((s) => s.msgId));

    const month = await service.monthly(APP, '2023-10');
    expect(month.complete).toBe(true);
    expect(month.followers.totals.new).toBe([...expected.newByDay].filter(([d]) => d.startsWith('2023-10')).reduce((n, [, v]) => n + v, 0));
  });
});
