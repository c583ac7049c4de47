/**
 * Followers as the store keeps them, and the pure rules of attribution (protocol doc §8, §10).
 * Instants are `Date#toISOString()` strings, so comparing them as text orders them in time.
 */

export interface Follower {
  appId: string;
  openid: string;
  unionid: string | null;
  subscribed: boolean;
  /** The last follow (WeChat resets subscribe_time on a re-follow). */
  subscribeTime: string | null;
  /** When we learnt of the unfollow (the event's time, or the sync's when only a sync noticed). Null while following. */
  unsubscribedAt: string | null;
  /** WeChat's subscribe_scene (ADD_SCENE_QR_CODE …); null when only an event told us of the follow and no sync has run since. */
  subscribeScene: string | null;
  /** The parametric QR code's scene: scene_id or scene_str, null when the follow was not through one. */
  qrScene: number | null;
  qrSceneStr: string | null;
  tagIds: number[];
  remark: string | null;
  language: string | null;
  /** The last full sync that listed this follower; null when known from events only. */
  lastSyncedAt: string | null;
  updatedAt: string;
}

/**
 * What an unfollow erases (WeChat's guidance: delete the user's data on unfollow). The openid, the
 * channel and the times stay, pseudonymous, for the gained/lost counts; a re-follow's next sync
 * brings back what WeChat itself kept (tags, remark).
 */
export const erasedOnUnfollow = (): Pick<Follower, 'unionid' | 'remark' | 'language' | 'tagIds'> => ({ unionid: null, remark: null, language: null, tagIds: [] });

export interface FollowerQuery {
  appId: string;
  subscribed?: boolean;
  tagId?: number;
  /** Matches scene_id (as digits) or scene_str. */
  qrScene?: string;
  /** The last openid of the previous page: the list is in openid order. */
  cursor?: string;
  limit: number;
}

export interface FollowerPage {
  items: Follower[];
  nextCursor: string | null;
}

/** One channel: followers gained and lost through one (subscribe scene, QR scene). */
export interface ChannelCount {
  subscribeScene: string | null;
  qrScene: number | null;
  qrSceneStr: string | null;
  /** Follows in the window (a follower counts once, at their latest follow). */
  gained: number;
  /** Unfollows in the window, attributed to the channel the follower came through. */
  lost: number;
  net: number;
}

export interface ChannelReport {
  appId: string;
  since: string | null;
  until: string | null;
  channels: ChannelCount[];
  totals: { gained: number; lost: number; net: number };
}

export interface SyncResult {
  appId: string;
  /** Openids user/get listed. */
  listed: number;
  /** Followers written with the details batchget gave. */
  stored: number;
  /** Stored as following, but listed no more (or batchget said subscribe 0): now marked unsubscribed. */
  unsubscribed: number;
  calls: { userGet: number; batchGet: number };
  startedAt: string;
  finishedAt: string;
}

/** What a sync learnt about one follower from batchget (the service maps the wire shape to this). */
export type SyncedFollower = Omit<Follower, 'appId' | 'unsubscribedAt' | 'lastSyncedAt' | 'updatedAt' | 'subscribed'>;

const QR_CODE_SCENE = 'ADD_SCENE_QR_CODE';

/**
 * A QR scene as an event carries it (EventKey without `qrscene_`) → scene_id or scene_str. Digits
 * that fit a 32-bit unsigned int are a scene_id (§10: "32-bit unsigned int scene_id"), anything
 * else a scene_str; user/info reports the same code the same way afterwards.
 */
export function splitQrScene(scene: string | null): { qrScene: number | null; qrSceneStr: string | null } {
  if (scene === null || scene === '') return { qrScene: null, qrSceneStr: null };
  if (/^\d{1,10}$/.test(scene) && Number(scene) <= 0xffff_ffff) return { qrScene: Number(scene), qrSceneStr: null };
  return { qrScene: null, qrSceneStr: scene };
}

/** The attribution a subscribe event gives: a QR scene means ADD_SCENE_QR_CODE; a plain follow's scene is unknown until the next sync. */
export function attributionOfEvent(scene: string | null): Pick<Follower, 'subscribeScene' | 'qrScene' | 'qrSceneStr'> {
  const qr = splitQrScene(scene);
  return { subscribeScene: qr.qrScene !== null || qr.qrSceneStr !== null ? QR_CODE_SCENE : null, ...qr };
}

/** WeChat answers 0 and '' for "no QR code"; the domain says null. */
export const qrSceneOf = (n: number | undefined): number | null => (n === undefined || n === 0 ? null : n);
export const qrSceneStrOf = (s: string | undefined): string | null => (s === undefined || s === '' ? null : s);

/** Unix seconds (as WeChat sends them) → an ISO instant. */
export const isoOfSeconds = (seconds: number): string => new Date(seconds * 1000).toISOString();

export function totalsOf(channels: readonly ChannelCount[]): ChannelReport['totals'] {
  const gained = channels.reduce((n, c) => n + c.gained, 0);
  const lost = channels.reduce((n, c) => n + c.lost, 0);
  return { gained, lost, net: gained - lost };
}

/** Biggest channel first; ties in a stable order so reports compare. */
export function sortChannels(channels: ChannelCount[]): ChannelCount[] {
  const key = (c: ChannelCount) => `${c.subscribeScene ?? ''}\u0000${c.qrScene ?? ''}\u0000${c.qrSceneStr ?? ''}`;
  return channels.sort((a, b) => b.gained - a.gained || b.lost - a.lost || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
