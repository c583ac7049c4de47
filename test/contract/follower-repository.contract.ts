import type { Follower, FollowerQuery, FollowerRepository, SyncedFollower } from '../../src/modules/followers';

/**
 * What every FollowerRepository adapter must do, run by one runner per adapter (SQLite, the
 * in-memory fake, MongoDB). Syncs and follow/unfollow events write the same rows, so the rules of
 * who a sync may mark as gone, what an unfollow erases and how channels count are the contract.
 */

const APP = 'wx1234567890abcdef';
const OTHER = 'wxfedcba0987654321';
const T1 = '2026-03-01T00:00:00.000Z';
const T2 = '2026-03-02T00:00:00.000Z';
const T3 = '2026-03-03T00:00:00.000Z';

const synced = (openid: string, extra: Partial<SyncedFollower> = {}): SyncedFollower => ({
  openid, unionid: null, subscribeTime: T1, subscribeScene: 'ADD_SCENE_SEARCH', qrScene: null, qrSceneStr: null, tagIds: [], remark: null, language: 'zh_CN', ...extra,
});

/** A follower as a subscribe event writes it: known from the event only. */
const fromEvent = (openid: string, extra: Partial<Follower> = {}): Follower => ({
  appId: APP, openid, unionid: null, subscribed: true, subscribeTime: T2, unsubscribedAt: null, subscribeScene: null, qrScene: null,
  qrSceneStr: null, tagIds: [], remark: null, language: null, lastSyncedAt: null, updatedAt: T2, ...extra,
});

const erased = { unionid: null, remark: null, language: null, tagIds: [] };

export function describeFollowerRepositoryContract(
  name: string,
  make: () => Promise<{ repo: FollowerRepository; close(): Promise<void> }>,
): void {
  describe(`${name} (FollowerRepository contract)`, () => {
    let repo: FollowerRepository;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ repo, close } = await make());
    });
    afterEach(async () => close());

    const openids = async (q: Partial<FollowerQuery>) => (await repo.list({ appId: APP, limit: 10, ...q })).map((f) => f.openid);

    describe('sync and get', () => {
      it('when a sync writes followers, then they read back with every field, and a second sync replaces the WeChat fields', async () => {
        await repo.upsertSynced(APP, [synced('oA', { unionid: 'uA', tagIds: [2, 100], remark: '老客户', subscribeScene: 'ADD_SCENE_QR_CODE', qrScene: 4294967295 })], T1, 'run1');
        const expected: Follower = {
          appId: APP, openid: 'oA', unionid: 'uA', subscribed: true, subscribeTime: T1, unsubscribedAt: null, subscribeScene: 'ADD_SCENE_QR_CODE',
          qrScene: 4294967295, qrSceneStr: null, tagIds: [2, 100], remark: '老客户', language: 'zh_CN', lastSyncedAt: T1, updatedAt: T1,
        };
        expect(await repo.get(APP, 'oA')).toEqual(expected);
        await repo.upsertSynced(APP, [synced('oA', { tagIds: [], qrSceneStr: 'flyer', language: 'en' })], T2, 'run2');
        expect(await repo.get(APP, 'oA')).toEqual({
          ...expected, unionid: null, subscribeScene: 'ADD_SCENE_SEARCH', qrScene: null, qrSceneStr: 'flyer', tagIds: [], remark: null, language: 'en',
          lastSyncedAt: T2, updatedAt: T2,
        });
        expect(await repo.get(OTHER, 'oA')).toBeNull();
        expect(await repo.get(APP, 'oNobody')).toBeNull();
      });

      it('when an unfollower is listed by a sync again, then they follow again', async () => {
        await repo.upsertSynced(APP, [synced('oA')], T1, 'run1');
        await repo.markUnsubscribed(APP, ['oA'], T2);
        await repo.upsertSynced(APP, [synced('oA', { subscribeTime: T2, remark: 'back' })], T3, 'run2');
        expect(await repo.get(APP, 'oA')).toMatchObject({ subscribed: true, unsubscribedAt: null, subscribeTime: T2, remark: 'back', lastSyncedAt: T3, updatedAt: T3 });
      });

      it('when a follower is read, then the copy can be changed without changing the store', async () => {
        await repo.upsertSynced(APP, [synced('oA', { tagIds: [1] })], T1, 'run1');
        const got = (await repo.get(APP, 'oA'))!;
        got.tagIds.push(2);
        got.remark = 'changed';
        expect(await repo.get(APP, 'oA')).toMatchObject({ tagIds: [1], remark: null });
      });

      it('when an empty sync chunk is written, then nothing changes', async () => {
        await repo.upsertSynced(APP, [], T1, 'run1');
        expect(await repo.list({ appId: APP, limit: 10 })).toEqual([]);
        expect(await repo.lastSyncedAt(APP)).toBeNull();
      });
    });

    describe('save', () => {
      it('when an event saves a new follower, then it reads back field for field', async () => {
        const f = fromEvent('oE', { subscribeScene: 'ADD_SCENE_QR_CODE', qrSceneStr: 'poster', unsubscribedAt: null });
        await repo.save(f);
        expect(await repo.get(APP, 'oE')).toEqual(f);
      });

      it('when an event saves a known follower, then every field is replaced, yet the sync that listed them is remembered', async () => {
        await repo.upsertSynced(APP, [synced('oA', { unionid: 'uA', tagIds: [3], remark: 'r' })], T1, 'run1');
        const replaced = fromEvent('oA', { subscribed: false, unsubscribedAt: T2, subscribeTime: T1, subscribeScene: 'ADD_SCENE_SEARCH', lastSyncedAt: T1, qrScene: 7 });
        await repo.save(replaced);
        expect(await repo.get(APP, 'oA')).toEqual(replaced);
        await repo.save({ ...replaced, subscribed: true, unsubscribedAt: null });
        // run1 listed oA: the same run's markUnlisted leaves them alone.
        expect(await repo.markUnlisted(APP, 'run1', T3, T3)).toBe(0);
      });
    });

    describe('markUnlisted', () => {
      it('when a run did not list a follower, then markUnlisted marks them, but not rows of this run, of other accounts, or followed after the run began', async () => {
        await repo.upsertSynced(APP, [synced('oA'), synced('oB')], T1, 'run1');
        await repo.upsertSynced(OTHER, [synced('oA')], T1, 'run1');
        await repo.save({ ...(await repo.get(APP, 'oB'))!, openid: 'oNew', subscribeTime: T2, lastSyncedAt: null });
        await repo.upsertSynced(APP, [synced('oB')], T2, 'run2');
        expect(await repo.markUnlisted(APP, 'run2', T2, T3)).toBe(1);
        // WeChat's guidance: an unfollow deletes the person's data; openid, channel and times stay.
        expect(await repo.get(APP, 'oA')).toEqual({
          appId: APP, openid: 'oA', subscribed: false, unsubscribedAt: T3, subscribeTime: T1, subscribeScene: 'ADD_SCENE_SEARCH', qrScene: null, qrSceneStr: null,
          ...erased, lastSyncedAt: T1, updatedAt: T3,
        });
        expect(await repo.get(APP, 'oNew')).toMatchObject({ subscribed: true });
        expect(await repo.get(OTHER, 'oA')).toMatchObject({ subscribed: true });
        expect(await repo.markUnlisted(APP, 'run2', T2, T3)).toBe(0);
      });

      it('when a follower known from events only has no follow time, then a run that did not list them marks them', async () => {
        await repo.save(fromEvent('oE', { subscribeTime: null }));
        await repo.save(fromEvent('oLate', { subscribeTime: T3 }));
        await repo.save(fromEvent('oEarly', { subscribeTime: T1 }));
        expect(await repo.markUnlisted(APP, 'run1', T2, T3)).toBe(2);
        expect((await repo.list({ appId: APP, limit: 10, subscribed: false })).map((f) => f.openid)).toEqual(['oE', 'oEarly']);
      });
    });

    describe('markUnsubscribed', () => {
      it('when openids are marked unsubscribed, then only those still following change, and their personal fields are erased', async () => {
        await repo.upsertSynced(APP, [synced('oA', { unionid: 'uA', remark: 'vip', tagIds: [2] }), synced('oB')], T1, 'run1');
        await repo.upsertSynced(OTHER, [synced('oA')], T1, 'run1');
        expect(await repo.markUnsubscribed(APP, ['oA', 'oZ'], T2)).toBe(1);
        expect(await repo.markUnsubscribed(APP, ['oA'], T3)).toBe(0);
        expect(await repo.markUnsubscribed(APP, [], T3)).toBe(0);
        expect(await repo.get(APP, 'oA')).toEqual({
          appId: APP, openid: 'oA', subscribed: false, unsubscribedAt: T2, subscribeTime: T1, subscribeScene: 'ADD_SCENE_SEARCH', qrScene: null, qrSceneStr: null,
          ...erased, lastSyncedAt: T1, updatedAt: T2,
        });
        expect((await repo.get(APP, 'oB'))!.subscribed).toBe(true);
        expect((await repo.get(OTHER, 'oA'))!.subscribed).toBe(true);
      });
    });

    describe('list', () => {
      beforeEach(async () => {
        await repo.upsertSynced(APP, [
          synced('o1', { tagIds: [100], qrScene: 12 }), synced('o2', { qrSceneStr: '12' }), synced('o3', { tagIds: [100, 101], qrSceneStr: 'flyer' }), synced('o4'),
        ], T1, 'run1');
        await repo.upsertSynced(OTHER, [synced('o0')], T1, 'run1');
        await repo.markUnsubscribed(APP, ['o4'], T2);
      });

      it('when listing, then openid order after the cursor, at most the limit', async () => {
        expect(await openids({})).toEqual(['o1', 'o2', 'o3', 'o4']);
        expect(await openids({ cursor: 'o2', limit: 1 })).toEqual(['o3']);
        expect(await openids({ cursor: 'o4' })).toEqual([]);
        expect(await openids({ limit: 2 })).toEqual(['o1', 'o2']);
        expect(await openids({ limit: 0 })).toEqual([]);
      });

      it('when filtering, then the state, tag and QR scene filters apply, together too', async () => {
        expect(await openids({ subscribed: false })).toEqual(['o4']);
        expect(await openids({ subscribed: true })).toEqual(['o1', 'o2', 'o3']);
        expect(await openids({ subscribed: true, tagId: 100 })).toEqual(['o1', 'o3']);
        expect(await openids({ tagId: 101 })).toEqual(['o3']);
        expect(await openids({ tagId: 10 })).toEqual([]);
        expect(await openids({ qrScene: '12' })).toEqual(['o1', 'o2']);
        expect(await openids({ qrScene: '012' })).toEqual([]);
        expect(await openids({ qrScene: 'flyer' })).toEqual(['o3']);
        expect(await openids({ qrScene: '12', tagId: 100, cursor: 'o0' })).toEqual(['o1']);
      });
    });

    describe('channels', () => {
      beforeEach(async () => {
        await repo.upsertSynced(APP, [
          synced('o1', { subscribeScene: 'ADD_SCENE_QR_CODE', qrScene: 5, subscribeTime: T1 }),
          synced('o2', { subscribeScene: 'ADD_SCENE_QR_CODE', qrScene: 5, subscribeTime: T2 }),
          synced('o3', { subscribeScene: 'ADD_SCENE_QR_CODE', qrSceneStr: 'x', subscribeTime: T2 }),
          synced('o4', { subscribeTime: T3 }),
        ], T3, 'run1');
        await repo.markUnsubscribed(APP, ['o1'], T2);
      });

      const sorted = (rows: { qrScene: number | null; qrSceneStr: string | null }[]) =>
        [...rows].sort((a, b) => String(a.qrScene ?? a.qrSceneStr).localeCompare(String(b.qrScene ?? b.qrSceneStr)));

      it('when channels are counted, then follows and unfollows in [since, until) are grouped by scene and QR scene', async () => {
        expect(sorted(await repo.channels(APP, T2, T3))).toEqual([
          { subscribeScene: 'ADD_SCENE_QR_CODE', qrScene: 5, qrSceneStr: null, gained: 1, lost: 1 },
          { subscribeScene: 'ADD_SCENE_QR_CODE', qrScene: null, qrSceneStr: 'x', gained: 1, lost: 0 },
        ]);
        expect(await repo.channels(OTHER, null, null)).toEqual([]);
      });

      it('when a bound is null, then that side of the window is open', async () => {
        expect(sorted(await repo.channels(APP, null, null))).toEqual([
          { subscribeScene: 'ADD_SCENE_QR_CODE', qrScene: 5, qrSceneStr: null, gained: 2, lost: 1 },
          { subscribeScene: 'ADD_SCENE_SEARCH', qrScene: null, qrSceneStr: null, gained: 1, lost: 0 },
          { subscribeScene: 'ADD_SCENE_QR_CODE', qrScene: null, qrSceneStr: 'x', gained: 1, lost: 0 },
        ]);
        expect(sorted(await repo.channels(APP, T3, null))).toEqual([{ subscribeScene: 'ADD_SCENE_SEARCH', qrScene: null, qrSceneStr: null, gained: 1, lost: 0 }]);
        expect(sorted(await repo.channels(APP, null, T2))).toEqual([{ subscribeScene: 'ADD_SCENE_QR_CODE', qrScene: 5, qrSceneStr: null, gained: 1, lost: 0 }]);
      });

      it('when a follower has no follow time, then only their unfollow counts', async () => {
        await repo.save(fromEvent('oE', { subscribeTime: null, subscribed: false, unsubscribedAt: T2 }));
        expect(await repo.channels(APP, T2, T3)).toEqual(expect.arrayContaining([{ subscribeScene: null, qrScene: null, qrSceneStr: null, gained: 0, lost: 1 }]));
        expect(await repo.channels(APP, T2, T3)).toHaveLength(3);
        expect(await repo.channels(APP, null, null)).toContainEqual({ subscribeScene: null, qrScene: null, qrSceneStr: null, gained: 0, lost: 1 });
      });
    });

    describe('lastSyncedAt', () => {
      it('when syncs ran, then the newest time of the account comes; null before any, and rows known from events do not count', async () => {
        expect(await repo.lastSyncedAt(APP)).toBeNull();
        await repo.save(fromEvent('oE'));
        expect(await repo.lastSyncedAt(APP)).toBeNull();
        await repo.upsertSynced(APP, [synced('oA')], T2, 'run2');
        await repo.upsertSynced(APP, [synced('oB')], T1, 'run1');
        await repo.upsertSynced(OTHER, [synced('oA')], T3, 'run3');
        expect(await repo.lastSyncedAt(APP)).toBe(T2);
        expect(await repo.lastSyncedAt(OTHER)).toBe(T3);
      });
    });
  });
}
