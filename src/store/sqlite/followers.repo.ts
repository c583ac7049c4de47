import type { Statement, Transaction } from 'better-sqlite3';
import type { ChannelCount, Follower, FollowerQuery, FollowerRepository, SyncedFollower } from '../../modules/followers';
import type { SqliteDatabase } from './database';

interface Row {
  app_id: string;
  openid: string;
  unionid: string | null;
  subscribed: number;
  subscribe_time: string | null;
  unsubscribed_at: string | null;
  subscribe_scene: string | null;
  qr_scene: number | null;
  qr_scene_str: string | null;
  tag_ids: string;
  remark: string | null;
  language: string | null;
  last_synced_at: string | null;
  updated_at: string;
}

type ChannelRow = { subscribe_scene: string | null; qr_scene: number | null; qr_scene_str: string | null; gained: number; lost: number };

/** What an unfollow erases, as SQL: the module's erasedOnUnfollow (WeChat's guidance: delete the user's data). */
const ERASED_ON_UNFOLLOW = "unionid = NULL, remark = NULL, language = NULL, tag_ids = '[]'";
const COLUMNS = 'app_id, openid, unionid, subscribed, subscribe_time, unsubscribed_at, subscribe_scene, qr_scene, qr_scene_str, tag_ids, remark, language, last_synced_at, updated_at';

/**
 * Followers in SQLite (migration 8). Instants are `Date#toISOString()` strings, so text comparison
 * is time order. A sync's chunk is one transaction; events write one row.
 */
export class SqliteFollowerRepository implements FollowerRepository {
  private readonly syncStmt: Statement;
  private readonly saveStmt: Statement;
  private readonly unlistedStmt: Statement;
  private readonly unsubscribeStmt: Statement;
  private readonly getStmt: Statement<[string, string], Row>;
  private readonly listStmt: Statement<[Record<string, string | number | null>], Row>;
  private readonly channelsStmt: Statement<[Record<string, string | null>], ChannelRow>;
  private readonly lastSyncStmt: Statement<[string], { latest: string | null }>;
  private readonly syncTx: Transaction<(appId: string, followers: readonly SyncedFollower[], at: string, runId: string) => void>;

  constructor(db: SqliteDatabase) {
    const wechatFields = `unionid = excluded.unionid, subscribe_time = excluded.subscribe_time, subscribe_scene = excluded.subscribe_scene,
      qr_scene = excluded.qr_scene, qr_scene_str = excluded.qr_scene_str, tag_ids = excluded.tag_ids, remark = excluded.remark, language = excluded.language`;
    this.syncStmt = db.prepare(
      `INSERT INTO followers (${COLUMNS}, sync_run)
       VALUES (@appId, @openid, @unionid, 1, @subscribeTime, NULL, @subscribeScene, @qrScene, @qrSceneStr, @tagIds, @remark, @language, @at, @at, @runId)
       ON CONFLICT (app_id, openid) DO UPDATE SET ${wechatFields}, subscribed = 1, unsubscribed_at = NULL,
         last_synced_at = excluded.last_synced_at, updated_at = excluded.updated_at, sync_run = excluded.sync_run`,
    );
    // An event's write leaves sync_run alone: it says which sync last listed the row, not who wrote it.
    this.saveStmt = db.prepare(
      `INSERT INTO followers (${COLUMNS})
       VALUES (@appId, @openid, @unionid, @subscribed, @subscribeTime, @unsubscribedAt, @subscribeScene, @qrScene, @qrSceneStr, @tagIds, @remark, @language, @lastSyncedAt, @updatedAt)
       ON CONFLICT (app_id, openid) DO UPDATE SET ${wechatFields}, subscribed = excluded.subscribed, unsubscribed_at = excluded.unsubscribed_at,
         last_synced_at = excluded.last_synced_at, updated_at = excluded.updated_at`,
    );
    this.unlistedStmt = db.prepare(
      `UPDATE followers SET subscribed = 0, unsubscribed_at = @at, updated_at = @at, ${ERASED_ON_UNFOLLOW}
       WHERE app_id = @appId AND subscribed = 1 AND sync_run IS NOT @runId AND (subscribe_time IS NULL OR subscribe_time < @followedBefore)`,
    );
    this.unsubscribeStmt = db.prepare(
      `UPDATE followers SET subscribed = 0, unsubscribed_at = @at, updated_at = @at, ${ERASED_ON_UNFOLLOW}
       WHERE app_id = @appId AND subscribed = 1 AND openid IN (SELECT value FROM json_each(@openids))`,
    );
    this.getStmt = db.prepare(`SELECT ${COLUMNS} FROM followers WHERE app_id = ? AND openid = ?`);
    // One statement for every combination of filters: a NULL parameter switches its filter off.
    this.listStmt = db.prepare(
      `SELECT ${COLUMNS} FROM followers
       WHERE app_id = @appId AND (@cursor IS NULL OR openid > @cursor)
         AND (@subscribed IS NULL OR subscribed = @subscribed)
         AND (@tagId IS NULL OR EXISTS (SELECT 1 FROM json_each(tag_ids) WHERE value = @tagId))
         AND (@qrScene IS NULL OR qr_scene_str = @qrScene OR CAST(qr_scene AS TEXT) = @qrScene)
       ORDER BY openid LIMIT @limit`,
    );
    // Follows and unfollows in the window, each attributed to the follower's channel.
    this.channelsStmt = db.prepare(
      `SELECT subscribe_scene, qr_scene, qr_scene_str,
         SUM(subscribe_time IS NOT NULL AND (@since IS NULL OR subscribe_time >= @since) AND (@until IS NULL OR subscribe_time < @until)) AS gained,
         SUM(unsubscribed_at IS NOT NULL AND (@since IS NULL OR unsubscribed_at >= @since) AND (@until IS NULL OR unsubscribed_at < @until)) AS lost
       FROM followers WHERE app_id = @appId
       GROUP BY subscribe_scene, qr_scene, qr_scene_str
       HAVING gained > 0 OR lost > 0`,
    );
    this.lastSyncStmt = db.prepare('SELECT MAX(last_synced_at) AS latest FROM followers WHERE app_id = ?');
    this.syncTx = db.transaction((appId: string, followers: readonly SyncedFollower[], at: string, runId: string) => {
      for (const f of followers) this.syncStmt.run({ ...f, appId, tagIds: JSON.stringify(f.tagIds), at, runId });
    });
  }

  async upsertSynced(appId: string, followers: readonly SyncedFollower[], syncedAt: string, runId: string): Promise<void> {
    this.syncTx(appId, followers, syncedAt, runId);
  }

  async markUnlisted(appId: string, runId: string, followedBefore: string, at: string): Promise<number> {
    return this.unlistedStmt.run({ appId, runId, followedBefore, at }).changes;
  }

  async markUnsubscribed(appId: string, openids: readonly string[], at: string): Promise<number> {
    return this.unsubscribeStmt.run({ appId, openids: JSON.stringify(openids), at }).changes;
  }

  async get(appId: string, openid: string): Promise<Follower | null> {
    const row = this.getStmt.get(appId, openid);
    return row ? toFollower(row) : null;
  }

  async save(f: Follower): Promise<void> {
    this.saveStmt.run({ ...f, subscribed: f.subscribed ? 1 : 0, tagIds: JSON.stringify(f.tagIds) });
  }

  async list(q: FollowerQuery): Promise<Follower[]> {
    const subscribed = q.subscribed === undefined ? null : q.subscribed ? 1 : 0;
    return this.listStmt.all({ appId: q.appId, cursor: q.cursor ?? null, subscribed, tagId: q.tagId ?? null, qrScene: q.qrScene ?? null, limit: q.limit }).map(toFollower);
  }

  async channels(appId: string, since: string | null, until: string | null): Promise<Omit<ChannelCount, 'net'>[]> {
    return this.channelsStmt.all({ appId, since, until }).map((r) => ({
      subscribeScene: r.subscribe_scene, qrScene: r.qr_scene, qrSceneStr: r.qr_scene_str, gained: r.gained, lost: r.lost,
    }));
  }

  async lastSyncedAt(appId: string): Promise<string | null> {
    return this.lastSyncStmt.get(appId)!.latest;
  }
}

/** Written by this class from the module's own shapes: tag_ids is its JSON array. */
function toFollower(r: Row): Follower {
  return {
    appId: r.app_id, openid: r.openid, unionid: r.unionid, subscribed: r.subscribed === 1, subscribeTime: r.subscribe_time,
    unsubscribedAt: r.unsubscribed_at, subscribeScene: r.subscribe_scene, qrScene: r.qr_scene, qrSceneStr: r.qr_scene_str,
    tagIds: JSON.parse(r.tag_ids) as number[], remark: r.remark, language: r.language, lastSyncedAt: r.last_synced_at, updatedAt: r.updated_at,
  };
}
