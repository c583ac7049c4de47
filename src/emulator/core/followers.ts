import type { Clock } from '../../shared/clock';
import type { FanActivity, Follower, InboxItem } from './contract';

type ActivityListener = (appId: string, openid: string, activity: FanActivity) => void;

export interface FollowOptions {
  scene?: string;
  qrScene?: number;
  qrSceneStr?: string;
  at?: number;
}

/**
 * Every account's followers, what each follower did, and what each follower's phone shows.
 * Unfollowers stay in the map with `subscribed: false`, as WeChat keeps their openid stable for a
 * later refollow.
 */
export class FollowerBook {
  private readonly byAccount = new Map<string, Map<string, Follower>>();
  private readonly inboxes = new Map<string, InboxItem[]>();
  private readonly listeners: ActivityListener[] = [];
  private readonly seeded = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  followers(appId: string): Map<string, Follower> {
    let map = this.byAccount.get(appId);
    if (!map) {
      map = new Map();
      this.byAccount.set(appId, map);
    }
    return map;
  }

  follow(appId: string, openid: string, options: FollowOptions = {}): Follower {
    const at = options.at ?? this.nowSeconds();
    const map = this.followers(appId);
    const qrScene = options.qrScene ?? 0;
    const qrSceneStr = options.qrSceneStr ?? '';
    const scene = options.scene ?? (qrScene !== 0 || qrSceneStr !== '' ? 'ADD_SCENE_QR_CODE' : 'ADD_SCENE_OTHERS');
    const existing = map.get(openid);
    // A refollow keeps remark, tags and blacklist, as WeChat does for the same openid.
    const follower: Follower = {
      ...(existing ?? { openid, nickname: '', remark: '', tagIds: [], language: 'zh_CN', blacklisted: false }),
      subscribed: true,
      subscribeTime: at,
      unsubscribeTime: null,
      subscribeScene: scene,
      qrScene,
      qrSceneStr,
    };
    map.set(openid, follower);
    const sceneKey = qrSceneStr !== '' ? qrSceneStr : qrScene !== 0 ? String(qrScene) : null;
    this.recordActivity(appId, openid, { kind: 'subscribe', at, sceneKey });
    return follower;
  }

  unfollow(appId: string, openid: string): void {
    const follower = this.followers(appId).get(openid);
    if (!follower || !follower.subscribed) return;
    const at = this.nowSeconds();
    follower.subscribed = false;
    follower.unsubscribeTime = at;
    this.recordActivity(appId, openid, { kind: 'unsubscribe', at });
  }

  /**
   * Seeds `count` followers with deterministic 28-character openids ('o' + 27): the prefix (default:
   * derived from the appId, as openids differ per account) then a running number, continuing after
   * earlier seeds. They followed over the last 30 days, so datacube sees history, not a spike today.
   */
  seed(appId: string, count: number, options: { prefix?: string; tagIds?: number[] } = {}): Follower[] {
    const prefix = options.prefix ?? appId.slice(-6).toUpperCase();
    const start = this.seeded.get(appId) ?? 0;
    const now = this.nowSeconds();
    const out: Follower[] = [];
    for (let i = start; i < start + count; i++) {
      const openid = `o${prefix}${String(i + 1).padStart(27 - prefix.length, '0')}`;
      const at = now - 86_400 * (30 - (i % 30)) + (i % 86_400);
      const follower = this.follow(appId, openid, { scene: 'ADD_SCENE_SEARCH', at });
      follower.nickname = `fan${i + 1}`;
      follower.tagIds = [...(options.tagIds ?? [])];
      out.push(follower);
    }
    this.seeded.set(appId, start + count);
    return out;
  }

  onActivity(listener: ActivityListener): void {
    this.listeners.push(listener);
  }

  recordActivity(appId: string, openid: string, activity: FanActivity): void {
    for (const listener of this.listeners) listener(appId, openid, activity);
  }

  deliver(appId: string, openid: string, item: Omit<InboxItem, 'at'> & { at?: number }): void {
    const key = `${appId}\u0000${openid}`;
    const list = this.inboxes.get(key) ?? [];
    list.push({ at: item.at ?? this.nowSeconds(), source: item.source, msgType: item.msgType, content: item.content });
    this.inboxes.set(key, list);
  }

  inbox(appId: string, openid: string): InboxItem[] {
    return [...(this.inboxes.get(`${appId}\u0000${openid}`) ?? [])];
  }

  forget(appId: string): void {
    this.byAccount.delete(appId);
    this.seeded.delete(appId);
    for (const key of [...this.inboxes.keys()]) if (key.startsWith(`${appId}\u0000`)) this.inboxes.delete(key);
  }

  private nowSeconds(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }
}
