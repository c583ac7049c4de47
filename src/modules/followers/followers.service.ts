import type { Clock } from '../../shared/clock';
import { AppError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import type { SubscribeEvent } from '../../wechat';
import { attributionOfEvent, erasedOnUnfollow, isoOfSeconds, sortChannels, totalsOf, type ChannelReport, type Follower, type FollowerPage, type FollowerQuery, type SyncResult } from './followers';
import type { FollowerAccounts, FollowerPlatform, FollowerRepository } from './followers.ports';
import { FollowerSync } from './follower-sync';

export interface FollowerServiceDeps {
  repo: FollowerRepository;
  platform: FollowerPlatform;
  accounts: FollowerAccounts;
  clock: Clock;
  logger?: Logger;
  /** Tries per call when WeChat is busy or the network fails (default 3), the pause growing by `retryDelayMs` each time. */
  attempts?: number;
  retryDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** The scheduled sync re-reads an account once its last sync is this old (default 24 h): events keep it current between. */
  resyncAfterMs?: number;
}

const DAY_MS = 86_400_000;

/** Followers of each account: full syncs from WeChat, kept current by subscribe/unsubscribe events, listed and attributed to channels. */
export class FollowerService {
  /** One sync per account at a time in this process: a second request joins the running one. */
  private readonly running = new Map<string, Promise<SyncResult>>();

  constructor(private readonly deps: FollowerServiceDeps) {}

  /** Pages user/get, fetches details 100 at a time, stores them, and marks those no longer listed as unsubscribed. */
  sync(appId: string): Promise<SyncResult> {
    const current = this.running.get(appId);
    if (current) return current;
    const run = this.runSync(appId).finally(() => this.running.delete(appId));
    this.running.set(appId, run);
    return run;
  }

  /** The scheduled job: each account with an AppSecret whose last sync is older than `resyncAfterMs`. One failing does not stop the others. */
  async syncDue(): Promise<{ appId: string; result?: SyncResult; error?: string }[]> {
    const outcomes: { appId: string; result?: SyncResult; error?: string }[] = [];
    const cutoff = new Date(this.deps.clock.now().getTime() - (this.deps.resyncAfterMs ?? DAY_MS)).toISOString();
    for (const account of await this.deps.accounts.list()) {
      if (!account.hasAppSecret) continue;
      const last = await this.deps.repo.lastSyncedAt(account.appId);
      if (last !== null && last > cutoff) continue;
      try {
        outcomes.push({ appId: account.appId, result: await this.sync(account.appId) });
      } catch (err) {
        this.deps.logger?.warn({ err, appId: account.appId }, 'follower sync failed');
        outcomes.push({ appId: account.appId, error: err instanceof Error ? err.message : String(err) });
      }
    }
    return outcomes;
  }

  /**
   * A follow pushed by WeChat (§2.3): following from the event's time, with the QR scene from
   * `qrscene_…`. Tags and remark stay (WeChat keeps them on a re-follow). An event older than the
   * unfollow we know of is a late retry and changes nothing.
   */
  async recordSubscribe(appId: string, event: Pick<SubscribeEvent, 'fromUserName' | 'createTime' | 'scene'>): Promise<void> {
    const at = isoOfSeconds(event.createTime);
    const existing = await this.deps.repo.get(appId, event.fromUserName);
    if (existing?.unsubscribedAt && existing.unsubscribedAt > at) return;
    await this.deps.repo.save({
      ...(existing ?? blank(appId, event.fromUserName)),
      ...attributionOfEvent(event.scene),
      subscribed: true, subscribeTime: at, unsubscribedAt: null, updatedAt: this.now(),
    });
  }

  /** An unfollow pushed by WeChat. One older than the follow we know of is stale and changes nothing. */
  async recordUnsubscribe(appId: string, openid: string, at: Date): Promise<void> {
    const when = at.toISOString();
    const existing = await this.deps.repo.get(appId, openid);
    if (existing && (!existing.subscribed || (existing.subscribeTime !== null && existing.subscribeTime > when))) return;
    await this.deps.repo.save({ ...(existing ?? blank(appId, openid)), ...erasedOnUnfollow(), subscribed: false, unsubscribedAt: when, updatedAt: this.now() });
  }

  async list(query: FollowerQuery): Promise<FollowerPage> {
    await this.deps.accounts.get(query.appId);
    const rows = await this.deps.repo.list({ ...query, limit: query.limit + 1 });
    const items = rows.slice(0, query.limit);
    return { items, nextCursor: rows.length > query.limit ? items[items.length - 1]!.openid : null };
  }

  /** Followers gained and lost per channel (subscribe scene and QR scene) in [since, until); either end open when absent. */
  async channels(appId: string, since?: string, until?: string): Promise<ChannelReport> {
    await this.deps.accounts.get(appId);
    const rows = await this.deps.repo.channels(appId, since ?? null, until ?? null);
    const channels = sortChannels(rows.map((r) => ({ ...r, net: r.gained - r.lost })));
    return { appId, since: since ?? null, until: until ?? null, channels, totals: totalsOf(channels) };
  }

  private async runSync(appId: string): Promise<SyncResult> {
    const account = await this.deps.accounts.get(appId);
    const api = account.hasAppSecret ? await this.deps.platform.forAccount(appId) : null;
    if (!api) throw new AppError('account_without_secret', `account ${appId} has no AppSecret: WeChat's API cannot be called`, 409);
    return new FollowerSync(appId, api.users, this.deps).run();
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}

function blank(appId: string, openid: string): Follower {
  return {
    appId, openid, unionid: null, subscribed: false, subscribeTime: null, unsubscribedAt: null, subscribeScene: null,
    qrScene: null, qrSceneStr: null, tagIds: [], remark: null, language: null, lastSyncedAt: null, updatedAt: '',
  };
}
