import { randomUUID } from 'node:crypto';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import type { UserInfo } from '../../wechat-api/users';
import { isoOfSeconds, qrSceneOf, qrSceneStrOf, type SyncedFollower, type SyncResult } from './followers';
import type { FollowerPlatform, FollowerRepository, FollowerUsersApi } from './followers.ports';

export interface FollowerSyncDeps {
  repo: FollowerRepository;
  platform: Pick<FollowerPlatform, 'isTransient'>;
  clock: Clock;
  logger?: Logger;
  attempts?: number;
  retryDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** batchget's limit (protocol doc §8); asked per 100 so each chunk is stored as it arrives. */
const BATCH = 100;

/**
 * One full sync of one account. Each user/get page (≤ 10 000 openids) is fetched, its details
 * batchgot 100 at a time and stored before the next page, so memory stays bounded on big accounts.
 * A transient failure is tried again where it happened: a page from its cursor (user/get resumes at
 * next_openid), a batch by itself.
 */
export class FollowerSync {
  private readonly result: SyncResult;
  private readonly runId = randomUUID();

  constructor(private readonly appId: string, private readonly users: FollowerUsersApi, private readonly deps: FollowerSyncDeps) {
    const startedAt = deps.clock.now().toISOString();
    this.result = { appId, listed: 0, stored: 0, unsubscribed: 0, calls: { userGet: 0, batchGet: 0 }, startedAt, finishedAt: startedAt };
  }

  async run(): Promise<SyncResult> {
    const { repo, clock } = this.deps;
    let cursor: string | undefined;
    for (;;) {
      const page = await this.retrying('user/get', () => this.firstPage(cursor));
      if (!page) break;
      this.result.listed += page.openids.length;
      for (let i = 0; i < page.openids.length; i += BATCH) await this.store(page.openids.slice(i, i + BATCH));
      // openidPages' stop rule (§8): an empty or unmoved cursor ends the list.
      if (page.nextOpenid === '' || page.nextOpenid === cursor) break;
      cursor = page.nextOpenid;
    }
    // Compared in whole seconds: a follow event in the sync's first second carries that second.
    const startSecond = new Date(Math.floor(Date.parse(this.result.startedAt) / 1000) * 1000).toISOString();
    this.result.finishedAt = clock.now().toISOString();
    this.result.unsubscribed += await repo.markUnlisted(this.appId, this.runId, startSecond, this.result.finishedAt);
    return { ...this.result };
  }

  /** One page from the cursor: followerPages pages on by itself, but we take one at a time so a retry resumes there. */
  private async firstPage(cursor: string | undefined) {
    this.result.calls.userGet += 1;
    const pages = this.users.followerPages(cursor);
    const first = await pages.next();
    await pages.return(undefined);
    return first.done ? null : first.value;
  }

  private async store(openids: string[]): Promise<void> {
    const users = await this.retrying('user/info/batchget', () => {
      this.result.calls.batchGet += 1;
      return this.users.batchGet(openids);
    });
    const now = this.deps.clock.now().toISOString();
    const following = users.filter((u) => u.subscribed).map(toSynced);
    // Listed a moment ago, gone by the batchget: they left meanwhile.
    const left = users.filter((u) => !u.subscribed).map((u) => u.openid);
    await this.deps.repo.upsertSynced(this.appId, following, now, this.runId);
    if (left.length > 0) this.result.unsubscribed += await this.deps.repo.markUnsubscribed(this.appId, left, now);
    this.result.stored += following.length;
  }

  private async retrying<T>(endpoint: string, call: () => Promise<T>): Promise<T> {
    const attempts = Math.max(1, this.deps.attempts ?? 3);
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (err) {
        if (attempt >= attempts || !this.deps.platform.isTransient(err)) throw err;
        this.deps.logger?.warn({ err, appId: this.appId, endpoint, attempt }, 'follower sync call failed; trying again');
        const ms = (this.deps.retryDelayMs ?? 2_000) * attempt;
        await (this.deps.sleep ? this.deps.sleep(ms) : new Promise((resolve) => setTimeout(resolve, ms)));
      }
    }
  }
}

function toSynced(u: UserInfo): SyncedFollower {
  return {
    openid: u.openid,
    unionid: u.unionid ?? null,
    subscribeTime: u.subscribeTime === undefined ? null : isoOfSeconds(u.subscribeTime),
    subscribeScene: u.subscribeScene ?? null,
    qrScene: qrSceneOf(u.qrScene),
    qrSceneStr: qrSceneStrOf(u.qrSceneStr),
    tagIds: u.tagIds ?? [],
    remark: u.remark === undefined || u.remark === '' ? null : u.remark,
    language: u.language === undefined || u.language === '' ? null : u.language,
  };
}
