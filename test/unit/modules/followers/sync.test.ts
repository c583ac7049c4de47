import { AppError } from '../../../../src/shared/errors';
import { APP, BUSY, harness } from './harness';

const openid = (i: number) => `o${String(i).padStart(27, '0')}`;

describe('FollowerService.sync', () => {
  it('when the list spans several user/get pages, then every page is read from the previous next_openid and the details are asked per page in chunks of at most 100', async () => {
    const { wechat, service, repo } = harness({ pageSize: 4 });
    for (let i = 1; i <= 10; i++) wechat.follow(openid(i));
    const result = await service.sync(APP);
    expect(wechat.calls.userGet).toEqual([undefined, openid(4), openid(8), openid(10)]);
    expect(wechat.calls.batchGet).toEqual([4, 4, 2]);
    expect(result).toMatchObject({ listed: 10, stored: 10, unsubscribed: 0, calls: { userGet: 4, batchGet: 3 } });
    expect(await repo.list({ appId: APP, limit: 100 })).toHaveLength(10);
  });

  it('when 250 follow, then batchget is called 3 times (100, 100, 50) and each follower is stored with tags, scene and QR scene', async () => {
    const { wechat, service, repo, clock } = harness({ pageSize: 10_000 });
    for (let i = 1; i <= 250; i++) wechat.follow(openid(i), i % 2 ? { subscribeScene: 'ADD_SCENE_QR_CODE', qrScene: 7, tagIds: [101, 102] } : { qrSceneStr: '' });
    await service.sync(APP);
    expect(wechat.calls.batchGet).toEqual([100, 100, 50]);
    expect(await repo.get(APP, openid(1))).toEqual({
      appId: APP, openid: openid(1), unionid: null, subscribed: true, subscribeTime: '2023-11-14T22:13:20.000Z', unsubscribedAt: null,
      subscribeScene: 'ADD_SCENE_QR_CODE', qrScene: 7, qrSceneStr: null, tagIds: [101, 102], remark: null, language: 'zh_CN',
      lastSyncedAt: clock.now().toISOString(), updatedAt: clock.now().toISOString(),
    });
    expect(await repo.get(APP, openid(2))).toMatchObject({ subscribeScene: 'ADD_SCENE_SEARCH', qrScene: null, qrSceneStr: null, tagIds: [] });
  });

  it('when a stored follower is no longer listed, then a re-sync marks them unsubscribed at the sync time and keeps their attribution', async () => {
    const { wechat, service, repo, clock } = harness();
    for (let i = 1; i <= 6; i++) wechat.follow(openid(i), { subscribeScene: 'ADD_SCENE_QR_CODE', qrSceneStr: 'poster' });
    await service.sync(APP);
    wechat.unfollow(openid(3));
    clock.advance(60_000);
    const result = await service.sync(APP);
    expect(result).toMatchObject({ listed: 5, stored: 5, unsubscribed: 1 });
    expect(await repo.get(APP, openid(3))).toMatchObject({ subscribed: false, unsubscribedAt: clock.now().toISOString(), qrSceneStr: 'poster' });
    expect((await repo.list({ appId: APP, subscribed: true, limit: 100 })).map((f) => f.openid)).not.toContain(openid(3));
  });

  it('when the clock has not moved between two syncs, then the second still marks who left (runs are told apart by id, not time)', async () => {
    const { wechat, service, repo } = harness();
    for (let i = 1; i <= 3; i++) wechat.follow(openid(i));
    await service.sync(APP);
    wechat.unfollow(openid(2));
    expect((await service.sync(APP)).unsubscribed).toBe(1);
    expect(await repo.get(APP, openid(2))).toMatchObject({ subscribed: false });
  });

  it('when someone follows (by event) while a sync runs, then that sync does not mark them unsubscribed', async () => {
    const { wechat, service, repo, clock } = harness();
    wechat.follow(openid(1));
    const running = service.sync(APP);
    await service.recordSubscribe(APP, { fromUserName: openid(9), createTime: Math.floor(clock.now().getTime() / 1000), scene: 'late' });
    await running;
    expect(await repo.get(APP, openid(9))).toMatchObject({ subscribed: true, qrSceneStr: 'late' });
  });

  it('when batchget says a listed user no longer follows, then they are stored as unsubscribed, not as followers', async () => {
    const { wechat, service, repo } = harness();
    for (let i = 1; i <= 3; i++) wechat.follow(openid(i));
    await service.sync(APP);
    const batchGet = wechat.batchGet.bind(wechat);
    wechat.batchGet = async (ids) => (await batchGet(ids)).map((u) => (u.openid === openid(1) ? { subscribed: false, openid: u.openid } : u));
    expect(await service.sync(APP)).toMatchObject({ stored: 2, unsubscribed: 1 });
    expect(await repo.get(APP, openid(1))).toMatchObject({ subscribed: false });
  });

  it('when WeChat is busy once on a page and once on a batch, then each is tried again where it failed and the sync completes', async () => {
    const { wechat, service, pauses } = harness({ pageSize: 4 });
    for (let i = 1; i <= 6; i++) wechat.follow(openid(i));
    wechat.failures.push({ endpoint: 'batchGet', error: BUSY });
    expect(await service.sync(APP)).toMatchObject({ stored: 6, calls: { batchGet: 3 } }); // the busy batch, then again, then the last
    wechat.failures.push({ endpoint: 'userGet', error: BUSY });
    wechat.calls.userGet.length = 0;
    const result = await service.sync(APP);
    expect(wechat.calls.userGet).toEqual([undefined, undefined, openid(4), openid(6)]);
    expect(result).toMatchObject({ listed: 6, stored: 6, unsubscribed: 0 });
    expect(pauses).toEqual([10, 10]);
  });

  it('when a call fails for good, then the sync rejects and nobody is marked unsubscribed', async () => {
    const { wechat, service, repo } = harness();
    for (let i = 1; i <= 3; i++) wechat.follow(openid(i));
    await service.sync(APP);
    wechat.failures.push({ endpoint: 'batchGet', error: new Error('40001') });
    await expect(service.sync(APP)).rejects.toThrow('40001');
    expect(await repo.list({ appId: APP, subscribed: false, limit: 10 })).toEqual([]);
  });

  it('when two syncs are asked for at once, then they share one run', async () => {
    const { wechat, service } = harness();
    wechat.follow(openid(1));
    const [a, b] = await Promise.all([service.sync(APP), service.sync(APP)]);
    expect(a).toBe(b);
    expect(wechat.calls.batchGet).toEqual([1]);
  });

  it('when the account has no AppSecret, then sync is refused with 409 and WeChat is not called', async () => {
    const { wechat, service } = harness({ hasAppSecret: false });
    const err = await service.sync(APP).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ status: 409, code: 'account_without_secret' });
    expect(wechat.calls.userGet).toEqual([]);
  });

  it('when the scheduled sync runs, then it syncs accounts never synced or synced over a day ago, and skips fresh ones', async () => {
    const { wechat, service, clock } = harness();
    wechat.follow(openid(1));
    expect((await service.syncDue()).map((o) => o.appId)).toEqual([APP]);
    clock.advance(23 * 3_600_000);
    expect(await service.syncDue()).toEqual([]);
    clock.advance(2 * 3_600_000);
    expect(await service.syncDue()).toEqual([{ appId: APP, result: expect.objectContaining({ listed: 1 }) }]);
  });
});
