import type { UsersApi } from '../../wechat-api/users';
import type { ChannelCount, Follower, FollowerQuery, SyncedFollower } from './followers';

/** Followers (a table in SQLite). One row per (appId, openid); unfollowers stay, marked. */
export interface FollowerRepository {
  /**
   * Writes what sync run `runId` learnt, in one transaction: the WeChat fields are replaced,
   * `subscribed` becomes true, `unsubscribedAt` null, `lastSyncedAt` `syncedAt`, and the row
   * remembers the run.
   */
  upsertSynced(appId: string, followers: readonly SyncedFollower[], syncedAt: string, runId: string): Promise<void>;
  /**
   * Marks following rows unsubscribed as of `at` when run `runId` did not list them and their last
   * follow is older than `followedBefore` (the run's start: a follow during the run came by event
   * and is no leaver). A run id rather than a time, so two runs in one clock tick stay apart.
   * Returns how many rows changed.
   */
  markUnlisted(appId: string, runId: string, followedBefore: string, at: string): Promise<number>;
  /** Marks these openids unsubscribed as of `at` (those still following); returns how many changed. */
  markUnsubscribed(appId: string, openids: readonly string[], at: string): Promise<number>;
  get(appId: string, openid: string): Promise<Follower | null>;
  /** Replaces (or creates) one row: what an event changes. */
  save(follower: Follower): Promise<void>;
  /** At most `limit` rows in openid order, after `cursor` when given. */
  list(query: FollowerQuery): Promise<Follower[]>;
  /** Per (subscribeScene, qrScene, qrSceneStr): follows with subscribeTime, and unfollows with unsubscribedAt, in [since, until). */
  channels(appId: string, since: string | null, until: string | null): Promise<Omit<ChannelCount, 'net'>[]>;
  /** The newest lastSyncedAt of the account, null before its first sync. */
  lastSyncedAt(appId: string): Promise<string | null>;
}

/** The user-management calls this capability makes (src/wechat-api/users.ts). */
export type FollowerUsersApi = Pick<UsersApi, 'followerPages' | 'batchGet'>;

/** WeChatApiClients fits (with isTransient added): null when the account is unknown or has no AppSecret. */
export interface FollowerPlatform {
  forAccount(appId: string): Promise<{ users: FollowerUsersApi } | null>;
  /** Whether a failed call may succeed if tried again (busy, minute quota, network, timeout). */
  isTransient(err: unknown): boolean;
}

/** AccountService fits: get() throws NotFoundError for an unknown account; list() for the scheduled sync. */
export interface FollowerAccounts {
  get(appId: string): Promise<{ appId: string; hasAppSecret: boolean }>;
  list(): Promise<{ appId: string; hasAppSecret: boolean }[]>;
}
