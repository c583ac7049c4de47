import { MemoryFollowerRepository, type Follower, type FollowerRepository, type SyncedFollower } from '../../../../src/modules/followers';
import { openDatabase, type SqliteDatabase } from '../../../../src/store/sqlite/database';
import { SqliteFollowerRepository } from '../../../../src/store/sqlite/followers.repo';

const APP = 'wx1234567890abcdef';
const OTHER = 'wxfedcba0987654321';
const T1 = '2026-03-01T00:00:00.000Z';
const T2 = '2026-03-02T00:00:00.000Z';
const T3 = '2026-03-03T00:00:00.000Z';

const synced = (openid: string, extra: Partial<SyncedFollower> = {}): SyncedFollower => ({
  openid, unionid: null, subscribeTime: T1, subscribeScene: 'ADD_SCENE_SEARCH', qrScene: null, qrSceneStr: null, tagIds: [], remark: null, language: 'zh_CN', ...extra,
});

/** The SQLite adapter and the in-memory one unit tests use must agree on every behaviour. */
describe.each([
  ['SqliteFollowerRepository', () => {
    const db: SqliteDatabase = openDatabase(':memory:');
    return { repo: new SqliteFollowerRepository(db) as FollowerRepository, close: () => db.close() };
  }],
  ['MemoryFollowerRepository', () => ({ repo: new MemoryFollowerRepository() as FollowerRepository, close: () => undefined })],
])('%s', (_name, open) => {
  let repo: FollowerRepository;
  let close: () => void;
  beforeEach(() => ({ repo, close } = open()));
  afterEach(() => close());

  it('when a sync writes followers, then they read back with every field, and a second sync replaces the WeChat fields', async () => {
    await repo.upsertSynced(APP, [synced('oA', { unionid: 'uA', tagIds: [2, 100], remark: '老客户', subscribeScene: 'ADD_SCENE_QR_CODE', qrScene: 4294967295 })], T1, 'run1');
    const expected: Follower = {
      appId: APP, openid: 'oA', unionid: 'uA', subscribed: true, subscribeTime: T1, unsubscribedAt: null, subscribeScene: 'ADD_SCENE_QR_CODE',
      qrScene: 4294967295, qrSceneStr: null, tagIds: [2, 100], remark: '老客户', language: 'zh_CN', lastSyncedAt: T1, updatedAt: T1,
    };
    expect(await repo.get(APP, 'oA')).toEqual(expected);
    await repo.upsertSynced(APP, [synced('oA', { tagIds: [] })], T2, 'run2');
    expect(await repo.get(APP, 'oA')).toMatchObject({ tagIds: [], unionid: null, lastSyncedAt: T2 });
    expect(await repo.get(OTHER, 'oA')).toBeNull();
    expect(await repo.lastSyncedAt(APP)).toBe(T2);
    expect(await repo.lastSyncedAt(OTHER)).toBeNull();
  });

  it('when a run did not list a follower, then markUnlisted marks them, but not rows of this run, of other accounts, or followed after the run began', async () => {
    await repo.upsertSynced(APP, [synced('oA'), synced('oB')], T1, 'run1');
    await repo.upsertSynced(OTHER, [synced('oA')], T1, 'run1');
    await repo.save({ ...(await repo.get(APP, 'oB'))!, openid: 'oNew', subscribeTime: T2, lastSyncedAt: null });
    await repo.upsertSynced(APP, [synced('oB')], T2, 'run2');
    expect(await repo.markUnlisted(APP, 'run2', T2, T3)).toBe(1);
    // WeChat's guidance: an unfollow deletes the person's data; openid, channel and times stay.
    expect(await repo.get(APP, 'oA')).toMatchObject({ subscribed: false, unsubscribedAt: T3, unionid: null, remark: null, language: null, tagIds: [] });
    expect(await repo.get(APP, 'oNew')).toMatchObject({ subscribed: true });
    expect(await repo.get(OTHER, 'oA')).toMatchObject({ subscribed: true });
    expect(await repo.markUnlisted(APP, 'run2', T2, T3)).toBe(0);
  });

  it('when openids are marked unsubscribed, then only those still following change', async () => {
    await repo.upsertSynced(APP, [synced('oA', { unionid: 'uA', remark: 'vip', tagIds: [2] }), synced('oB')], T1, 'run1');
    expect(await repo.markUnsubscribed(APP, ['oA', 'oZ'], T2)).toBe(1);
    expect(await repo.markUnsubscribed(APP, ['oA'], T3)).toBe(0);
    expect(await repo.get(APP, 'oA')).toMatchObject({ subscribed: false, unsubscribedAt: T2, unionid: null, remark: null, language: null, tagIds: [] });
    expect((await repo.get(APP, 'oB'))!.subscribed).toBe(true);
  });

  it('when listing, then openid order after the cursor, with the state, tag and QR scene filters', async () => {
    await repo.upsertSynced(APP, [
      synced('o1', { tagIds: [100], qrScene: 12 }), synced('o2', { qrSceneStr: '12' }), synced('o3', { tagIds: [100, 101], qrSceneStr: 'flyer' }), synced('o4'),
    ], T1, 'run1');
    await repo.markUnsubscribed(APP, ['o4'], T2);
    const ids = async (q: object) => (await repo.list({ appId: APP, limit: 10, ...q })).map((f) => f.openid);
    expect(await ids({})).toEqual(['o1', 'o2', 'o3', 'o4']);
    expect(await ids({ cursor: 'o2', limit: 1 })).toEqual(['o3']);
    expect(await ids({ subscribed: false })).toEqual(['o4']);
    expect(await ids({ subscribed: true, tagId: 100 })).toEqual(['o1', 'o3']);
    expect(await ids({ tagId: 10 })).toEqual([]);
    expect(await ids({ qrScene: '12' })).toEqual(['o1', 'o2']);
    expect(await ids({ qrScene: 'flyer' })).toEqual(['o3']);
  });

  it('when channels are counted, then follows and unfollows in [since, until) are grouped by scene and QR scene', async () => {
    await repo.upsertSynced(APP, [
      synced('o1', { subscribeScene: 'ADD_SCENE_QR_CODE', qrScene: 5, subscribeTime: T1 }),
      synced('o2', { subscribeScene: 'ADD_SCENE_QR_CODE', qrScene: 5, subscribeTime: T2 }),
      synced('o3', { subscribeScene: 'ADD_SCENE_QR_CODE', qrSceneStr: 'x', subscribeTime: T2 }),
      synced('o4', { subscribeTime: T3 }),
    ], T3, 'run1');
    await repo.markUnsubscribed(APP, ['o1'], T2);
    const sorted = (rows: { qrScene: number | null; qrSceneStr: string | null }[]) => [...rows].sort((a, b) => String(a.qrScene ?? a.qrSceneStr).localeCompare(String(b.qrScene ?? b.qrSceneStr)));
    expect(sorted(await repo.channels(APP, T2, T3))).toEqual([
      { subscribeScene: 'ADD_SCENE_QR_CODE', qrScene: 5, qrSceneStr: null, gained: 1, lost: 1 },
      { subscribeScene: 'ADD_SCENE_QR_CODE', qrScene: null, qrSceneStr: 'x', gained: 1, lost: 0 },
    ]);
    expect(sorted(await repo.channels(APP, null, null))).toHaveLength(3);
    expect(await repo.channels(OTHER, null, null)).toEqual([]);
  });
});
