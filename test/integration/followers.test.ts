import Koa from 'koa';
import request from 'supertest';
import { FollowerService } from '../../src/modules/followers';
import { ManualClock } from '../../src/shared/clock';
import { silentLogger } from '../../src/shared/logger';
import { isTransientFailure } from '../../src/wechat-api/errors';
import { errorMiddleware } from '../../src/http/middleware/errors';
import { requireAdmin } from '../../src/http/middleware/auth';
import { followersRouter } from '../../src/http/routes/followers';
import { startEmulator, type StartedEmulator } from '../helpers/emulator';
import { ADMIN_TOKEN, NOW_SECONDS, startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { TEST_ACCOUNT } from '../helpers/wechat-client';

const APP = TEST_ACCOUNT.appId;
const base = `/api/v1/accounts/${APP}/followers`;
const openid = (i: number) => `oFOLLOW${String(i).padStart(21, '0')}`;
/** Five channels of 50 followers each: two QR codes by scene_str, one by scene_id, and two other scenes. */
const CHANNELS = [
  { qrScene: 1001 }, { qrSceneStr: 'poster_a' }, { qrSceneStr: 'poster_b' }, { scene: 'ADD_SCENE_SEARCH' }, { scene: 'ADD_SCENE_PROFILE_CARD' },
] as const;

/**
 * Follower sync against the emulator's user/get and batchget, through the admin API routes. The
 * router is mounted on a small Koa app here (app.ts wiring is the composition root's job); the
 * service is built from the runtime's own store, WeChat clients and accounts, as main.ts would.
 */
describe('follower sync through the emulator', () => {
  let emulator: StartedEmulator;
  let rt: TestRuntime;
  let app: Koa;
  const call = (method: 'get' | 'post', path: string) => request(app.callback())[method](`${base}${path}`).set('authorization', `Bearer ${ADMIN_TOKEN}`);
  const apiCalls = async () => ((await (await fetch(`${emulator.url}/__emulator/accounts/${APP}/stats`)).json()) as { apiCalls: Record<string, number> }).apiCalls;

  beforeEach(async () => {
    emulator = await startEmulator({ clock: new ManualClock(NOW_SECONDS * 1000) });
    for (let i = 0; i < 250; i++) {
      const f = emulator.emu.follow(APP, openid(i), { ...CHANNELS[i % 5], at: NOW_SECONDS - 3600 - 86_400 * (i % 10) });
      f.tagIds = [...(i % 3 === 0 ? [100] : []), ...(i % 4 === 0 ? [101] : [])];
    }
    rt = await startTestRuntime({ env: { WECHAT_API_BASE: emulator.url } });
    await rt.accounts.create(TEST_ACCOUNT);
    const followers = new FollowerService({
      repo: rt.store.followers, accounts: rt.accounts, clock: rt.clock, logger: silentLogger,
      platform: { forAccount: (appId) => rt.wechatApi.forAccount(appId), isTransient: isTransientFailure },
    });
    app = new Koa();
    app.silent = true;
    app.use(errorMiddleware(silentLogger));
    app.use(requireAdmin(rt.adminAccess));
    const router = followersRouter(followers);
    app.use(router.routes()).use(router.allowedMethods());
  });
  afterEach(async () => {
    await rt.close();
    await emulator.close();
  });

  it('when 250 followers are synced, then all are stored with their details in 3 batchget calls, and a re-sync marks the one who unfollowed', async () => {
    const synced = await call('post', '/sync');
    expect(synced.status).toBe(200);
    expect(synced.body).toMatchObject({ appId: APP, listed: 250, stored: 250, unsubscribed: 0, calls: { batchGet: 3 } });
    expect((await apiCalls())['/cgi-bin/user/info/batchget']).toBe(3);

    const all = await rt.store.followers.list({ appId: APP, limit: 1000 });
    expect(all).toHaveLength(250);
    expect(all.every((f) => f.subscribed && f.lastSyncedAt === rt.clock.now().toISOString())).toBe(true);
    expect(await rt.store.followers.get(APP, openid(0))).toMatchObject({
      subscribeScene: 'ADD_SCENE_QR_CODE', qrScene: 1001, qrSceneStr: null, tagIds: [100, 101], subscribeTime: new Date((NOW_SECONDS - 3600) * 1000).toISOString(),
    });
    expect(await rt.store.followers.get(APP, openid(1))).toMatchObject({ subscribeScene: 'ADD_SCENE_QR_CODE', qrScene: null, qrSceneStr: 'poster_a', tagIds: [] });
    expect(await rt.store.followers.get(APP, openid(3))).toMatchObject({ subscribeScene: 'ADD_SCENE_SEARCH', qrScene: null, qrSceneStr: null, tagIds: [100] });

    emulator.emu.unfollow(APP, openid(7));
    rt.clock.advance(3_600_000);
    const again = await call('post', '/sync');
    expect(again.body).toMatchObject({ listed: 249, stored: 249, unsubscribed: 1, calls: { batchGet: 3 } });
    expect((await apiCalls())['/cgi-bin/user/info/batchget']).toBe(6);
    const left = await call('get', '?subscribed=false');
    expect(left.body).toEqual({ items: [expect.objectContaining({ openid: openid(7), subscribed: false, unsubscribedAt: rt.clock.now().toISOString(), qrSceneStr: 'poster_b' })], nextCursor: null });
  });

  it('when the channel report is asked for, then it counts followers gained (and lost) per QR scene and scene', async () => {
    await call('post', '/sync').expect(200);
    emulator.emu.unfollow(APP, openid(1));
    rt.clock.advance(3_600_000);
    await call('post', '/sync').expect(200);

    const report = await call('get', '/channels');
    expect(report.status).toBe(200);
    expect(report.body.channels).toEqual([
      { subscribeScene: 'ADD_SCENE_QR_CODE', qrScene: null, qrSceneStr: 'poster_a', gained: 50, lost: 1, net: 49 },
      { subscribeScene: 'ADD_SCENE_PROFILE_CARD', qrScene: null, qrSceneStr: null, gained: 50, lost: 0, net: 50 },
      { subscribeScene: 'ADD_SCENE_QR_CODE', qrScene: null, qrSceneStr: 'poster_b', gained: 50, lost: 0, net: 50 },
      { subscribeScene: 'ADD_SCENE_QR_CODE', qrScene: 1001, qrSceneStr: null, gained: 50, lost: 0, net: 50 },
      { subscribeScene: 'ADD_SCENE_SEARCH', qrScene: null, qrSceneStr: null, gained: 50, lost: 0, net: 50 },
    ]);
    expect(report.body.totals).toEqual({ gained: 250, lost: 1, net: 249 });

    // The last day only: followers i with i % 10 === 0 followed an hour before the start.
    const since = new Date((NOW_SECONDS - 86_400 + 1) * 1000).toISOString();
    const lastDay = await call('get', `/channels?since=${since}`);
    expect(lastDay.body.channels.map((c: { qrScene: number | null; qrSceneStr: string | null; gained: number; lost: number }) => [c.qrScene ?? c.qrSceneStr, c.gained, c.lost]))
      .toEqual([[1001, 25, 0], ['poster_a', 0, 1]]);
  });

  it('when followers are listed with filters and pages, then tag, QR scene and cursor narrow them; bad input is a 400 and an unknown account a 404', async () => {
    await call('post', '/sync').expect(200);
    const tagged = await call('get', '?tagId=101&limit=500');
    expect(tagged.body.items).toHaveLength(63); // i % 4 === 0 for i in 0..249
    const poster = await call('get', '?qrScene=poster_b&limit=20');
    expect(poster.body.items).toHaveLength(20);
    expect(poster.body.nextCursor).toBe(poster.body.items[19].openid);
    const rest = await call('get', `?qrScene=poster_b&limit=100&cursor=${poster.body.nextCursor}`);
    expect(rest.body).toMatchObject({ nextCursor: null });
    expect(rest.body.items).toHaveLength(30);
    expect((await call('get', '?qrScene=1001&limit=500')).body.items).toHaveLength(50);

    const bad = await call('get', '?limit=0&subscribed=maybe');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toEqual(['limit', 'subscribed']);
    const unknown = await request(app.callback()).get('/api/v1/accounts/wxunknown0000000/followers').set('authorization', `Bearer ${ADMIN_TOKEN}`);
    expect(unknown.status).toBe(404);
    expect((await request(app.callback()).post(`${base}/sync`)).status).toBe(401);
  });
});
