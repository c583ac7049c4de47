import { Schema, type AnyBulkWriteOperation, type Connection, type Model } from 'mongoose';
import type { ChannelCount, Follower, FollowerQuery, FollowerRepository, SyncedFollower } from '../../modules/followers';
// The module's own rule of what an unfollow erases (not re-exported by its index; SQLite spells it in SQL).
import { erasedOnUnfollow } from '../../modules/followers/followers';
import { aggregateSchemaOptions, modelOn, nullableString } from './documents';

const MODEL = 'Follower';

/** A Follower as stored, plus the last full sync run that listed it (null when known from events only). */
type FollowerDoc = Follower & { syncRun: string | null };


export const followerSchema = new Schema<FollowerDoc>(
  {
    appId: { type: String, required: true },
    openid: { type: String, required: true },
    unionid: nullableString,
    subscribed: { type: Boolean, required: true },
    subscribeTime: nullableString,
    unsubscribedAt: nullableString,
    subscribeScene: nullableString,
    qrScene: { type: Number, default: null },
    qrSceneStr: nullableString,
    tagIds: { type: [Number], default: [] },
    remark: nullableString,
    language: nullableString,
    lastSyncedAt: nullableString,
    syncRun: nullableString,
    updatedAt: { type: String, required: true },
  },
  aggregateSchemaOptions('followers'),
);
// One follower per (account, openid): get, save and the sync's upserts; list walks it in openid order.
followerSchema.index({ appId: 1, openid: 1 }, { unique: true });
// channels: follows in a window (as SQLite's followers_by_subscribe_time).
followerSchema.index({ appId: 1, subscribeTime: 1 });
// channels: unfollows in a window (as SQLite's followers_by_unsubscribed_at).
followerSchema.index({ appId: 1, unsubscribedAt: 1 });
// lastSyncedAt: the newest sync of an account, the first entry of the index backwards.
followerSchema.index({ appId: 1, lastSyncedAt: 1 });

/** What an unfollow writes: the module's erasedOnUnfollow, and the time. */
const unfollowed = (at: string) => ({ subscribed: false, unsubscribedAt: at, updatedAt: at, ...erasedOnUnfollow() });

/**
 * Followers in MongoDB, one document per (appId, openid). Instants are `Date#toISOString()` strings,
 * so string comparison is time order. A sync's chunk is one unordered bulk of upserts: not one
 * transaction as in SQLite, but every upsert is idempotent, so a chunk retried after a failure
 * ends in the same state.
 */
export class MongoFollowerRepository implements FollowerRepository {
  private readonly model: Model<FollowerDoc>;

  constructor(connection: Connection) {
    this.model = modelOn<FollowerDoc>(connection, MODEL, followerSchema);
  }

  async upsertSynced(appId: string, followers: readonly SyncedFollower[], syncedAt: string, runId: string): Promise<void> {
    if (followers.length === 0) return;
    const ops: AnyBulkWriteOperation<FollowerDoc>[] = followers.map((f) => ({
      updateOne: {
        filter: { appId, openid: f.openid },
        update: {
          $set: {
            unionid: f.unionid, subscribeTime: f.subscribeTime, subscribeScene: f.subscribeScene, qrScene: f.qrScene, qrSceneStr: f.qrSceneStr,
            tagIds: [...f.tagIds], remark: f.remark, language: f.language,
            subscribed: true, unsubscribedAt: null, lastSyncedAt: syncedAt, updatedAt: syncedAt, syncRun: runId,
          },
        },
        upsert: true,
      },
    }));
    await this.model.bulkWrite(ops, { ordered: false });
  }

  async markUnlisted(appId: string, runId: string, followedBefore: string, at: string): Promise<number> {
    const res = await this.model.updateMany(
      // $ne matches a null syncRun too, as SQLite's `sync_run IS NOT @runId`.
      { appId, subscribed: true, syncRun: { $ne: runId }, $or: [{ subscribeTime: null }, { subscribeTime: { $lt: followedBefore } }] },
      { $set: unfollowed(at) },
    );
    return res.matchedCount;
  }

  async markUnsubscribed(appId: string, openids: readonly string[], at: string): Promise<number> {
    if (openids.length === 0) return 0;
    const res = await this.model.updateMany({ appId, subscribed: true, openid: { $in: [...openids] } }, { $set: unfollowed(at) });
    return res.matchedCount;
  }

  async get(appId: string, openid: string): Promise<Follower | null> {
    const doc = await this.model.findOne({ appId, openid }).lean<FollowerDoc>();
    return doc ? fromDoc(doc) : null;
  }

  async save(f: Follower): Promise<void> {
    // Every field replaced (named one by one, as SQLite's parameters: extra properties are not stored),
    // syncRun left alone: it says which sync last listed the row, not who wrote it.
    const fields = {
      unionid: f.unionid, subscribed: f.subscribed, subscribeTime: f.subscribeTime, unsubscribedAt: f.unsubscribedAt, subscribeScene: f.subscribeScene,
      qrScene: f.qrScene, qrSceneStr: f.qrSceneStr, tagIds: [...f.tagIds], remark: f.remark, language: f.language, lastSyncedAt: f.lastSyncedAt, updatedAt: f.updatedAt,
    };
    await this.model.updateOne({ appId: f.appId, openid: f.openid }, { $set: fields, $setOnInsert: { syncRun: null } }, { upsert: true });
  }

  async list(q: FollowerQuery): Promise<Follower[]> {
    // SQLite's LIMIT: 0 gives nothing, a negative limit gives everything (Mongo's 0 means "no limit").
    if (q.limit === 0) return [];
    const filter: Record<string, unknown> = { appId: q.appId };
    if (q.cursor !== undefined) filter.openid = { $gt: q.cursor };
    if (q.subscribed !== undefined) filter.subscribed = q.subscribed;
    if (q.tagId !== undefined) filter.tagIds = q.tagId;
    if (q.qrScene !== undefined) filter.$or = qrSceneMatch(q.qrScene);
    const docs = await this.model.find(filter).sort({ openid: 1 }).limit(Math.max(q.limit, 0)).lean<FollowerDoc[]>();
    return docs.map(fromDoc);
  }

  async channels(appId: string, since: string | null, until: string | null): Promise<Omit<ChannelCount, 'net'>[]> {
    // 1 when the field holds a time in [since, until): a null (or absent) time counts nowhere.
    const within = (field: string) => ({
      $cond: [{ $and: [{ $eq: [{ $type: field }, 'string'] }, ...(since === null ? [] : [{ $gte: [field, since] }]), ...(until === null ? [] : [{ $lt: [field, until] }])] }, 1, 0],
    });
    const rows = await this.model.aggregate<{ _id: { subscribeScene: string | null; qrScene: number | null; qrSceneStr: string | null }; gained: number; lost: number }>([
      { $match: { appId } },
      {
        $group: {
          _id: { subscribeScene: '$subscribeScene', qrScene: '$qrScene', qrSceneStr: '$qrSceneStr' },
          gained: { $sum: within('$subscribeTime') },
          lost: { $sum: within('$unsubscribedAt') },
        },
      },
      { $match: { $or: [{ gained: { $gt: 0 } }, { lost: { $gt: 0 } }] } },
    ]);
    return rows.map((r) => ({
      subscribeScene: r._id.subscribeScene ?? null, qrScene: r._id.qrScene ?? null, qrSceneStr: r._id.qrSceneStr ?? null, gained: r.gained, lost: r.lost,
    }));
  }

  async lastSyncedAt(appId: string): Promise<string | null> {
    // Descending, a null sorts last: the first document has the newest time, or null if none has one.
    const doc = await this.model.findOne({ appId }, { lastSyncedAt: 1 }).sort({ lastSyncedAt: -1 }).lean<Pick<FollowerDoc, 'lastSyncedAt'>>();
    return doc?.lastSyncedAt ?? null;
  }
}

/**
 * SQLite's `qr_scene_str = @qrScene OR CAST(qr_scene AS TEXT) = @qrScene`: the text matches scene_str,
 * or scene_id when it is exactly how that number is written (so '012' matches no scene_id).
 */
function qrSceneMatch(text: string): Record<string, unknown>[] {
  const asNumber = Number(text);
  const isWrittenNumber = text !== '' && Number.isFinite(asNumber) && String(asNumber) === text;
  return isWrittenNumber ? [{ qrSceneStr: text }, { qrScene: asNumber }] : [{ qrSceneStr: text }];
}

function fromDoc(d: FollowerDoc): Follower {
  return {
    appId: d.appId, openid: d.openid, unionid: d.unionid, subscribed: d.subscribed, subscribeTime: d.subscribeTime,
    unsubscribedAt: d.unsubscribedAt, subscribeScene: d.subscribeScene, qrScene: d.qrScene, qrSceneStr: d.qrSceneStr,
    tagIds: [...d.tagIds], remark: d.remark, language: d.language, lastSyncedAt: d.lastSyncedAt, updatedAt: d.updatedAt,
  };
}
