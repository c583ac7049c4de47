import { erasedOnUnfollow } from './followers';
import type { ChannelCount, Follower, FollowerQuery, SyncedFollower } from './followers';
import type { FollowerRepository } from './followers.ports';

/**
 * The repository contract in a Map, for unit tests and nothing else (it forgets on restart and
 * knows one process). Copies in and out, as a store would.
 */
export class MemoryFollowerRepository implements FollowerRepository {
  private readonly rows = new Map<string, Follower & { runId: string | null }>();

  async upsertSynced(appId: string, followers: readonly SyncedFollower[], syncedAt: string, runId: string): Promise<void> {
    for (const f of followers) {
      this.rows.set(key(appId, f.openid), { ...f, tagIds: [...f.tagIds], appId, subscribed: true, unsubscribedAt: null, lastSyncedAt: syncedAt, updatedAt: syncedAt, runId });
    }
  }

  async markUnlisted(appId: string, runId: string, followedBefore: string, at: string): Promise<number> {
    const gone = [...this.rows.values()].filter((f) => f.appId === appId && f.subscribed && f.runId !== runId && (f.subscribeTime === null || f.subscribeTime < followedBefore));
    for (const f of gone) Object.assign(f, { subscribed: false, unsubscribedAt: at, updatedAt: at, ...erasedOnUnfollow() });
    return gone.length;
  }

  async markUnsubscribed(appId: string, openids: readonly string[], at: string): Promise<number> {
    let changed = 0;
    for (const openid of openids) {
      const f = this.rows.get(key(appId, openid));
      if (!f?.subscribed) continue;
      Object.assign(f, { subscribed: false, unsubscribedAt: at, updatedAt: at, ...erasedOnUnfollow() });
      changed += 1;
    }
    return changed;
  }

  async get(appId: string, openid: string): Promise<Follower | null> {
    const f = this.rows.get(key(appId, openid));
    return f ? strip(f) : null;
  }

  async save(follower: Follower): Promise<void> {
    const runId = this.rows.get(key(follower.appId, follower.openid))?.runId ?? null;
    this.rows.set(key(follower.appId, follower.openid), { ...follower, tagIds: [...follower.tagIds], runId });
  }

  async list(q: FollowerQuery): Promise<Follower[]> {
    return [...this.rows.values()]
      .filter((f) => f.appId === q.appId && (q.cursor === undefined || f.openid > q.cursor))
      .filter((f) => (q.subscribed === undefined || f.subscribed === q.subscribed) && (q.tagId === undefined || f.tagIds.includes(q.tagId)))
      .filter((f) => q.qrScene === undefined || f.qrSceneStr === q.qrScene || (f.qrScene !== null && String(f.qrScene) === q.qrScene))
      .sort((a, b) => (a.openid < b.openid ? -1 : 1))
      .slice(0, q.limit)
      .map(strip);
  }

  async channels(appId: string, since: string | null, until: string | null): Promise<Omit<ChannelCount, 'net'>[]> {
    const within = (t: string | null) => t !== null && (since === null || t >= since) && (until === null || t < until);
    const out = new Map<string, Omit<ChannelCount, 'net'>>();
    for (const f of this.rows.values()) {
      if (f.appId !== appId) continue;
      const gained = within(f.subscribeTime) ? 1 : 0;
      const lost = within(f.unsubscribedAt) ? 1 : 0;
      if (gained + lost === 0) continue;
      const k = JSON.stringify([f.subscribeScene, f.qrScene, f.qrSceneStr]);
      const c = out.get(k) ?? { subscribeScene: f.subscribeScene, qrScene: f.qrScene, qrSceneStr: f.qrSceneStr, gained: 0, lost: 0 };
      c.gained += gained;
      c.lost += lost;
      out.set(k, c);
    }
    return [...out.values()];
  }

  async lastSyncedAt(appId: string): Promise<string | null> {
    const times = [...this.rows.values()].filter((f) => f.appId === appId && f.lastSyncedAt !== null).map((f) => f.lastSyncedAt!);
    return times.length === 0 ? null : times.sort().at(-1)!;
  }
}

const key = (appId: string, openid: string) => `${appId}\u0000${openid}`;

function strip(f: Follower & { runId: string | null }): Follower {
  const { runId: _runId, ...rest } = f;
  return { ...rest, tagIds: [...rest.tagIds] };
}
