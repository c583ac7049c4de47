import { openidPages } from '../../../../src/wechat-api/users-paging';
import type { UserInfo } from '../../../../src/wechat-api/users';
import type { FollowerUsersApi } from '../../../../src/modules/followers';

/**
 * WeChat's user/get and batchget over an in-memory audience, with a small page size so paging
 * shows, the wire's stop rule (the last page still carries a next_openid), and calls counted.
 */
export class FakeUsers implements FollowerUsersApi {
  readonly users = new Map<string, UserInfo>();
  readonly calls = { userGet: [] as (string | undefined)[], batchGet: [] as number[] };
  /** Errors the next calls throw, in order (then calls succeed again). */
  readonly failures: { endpoint: 'userGet' | 'batchGet'; error: unknown }[] = [];

  constructor(private readonly pageSize = 4) {}

  follow(openid: string, extra: Partial<UserInfo> = {}): void {
    this.users.set(openid, { subscribed: true, openid, subscribeTime: 1_700_000_000, subscribeScene: 'ADD_SCENE_SEARCH', qrScene: 0, qrSceneStr: '', tagIds: [], remark: '', language: 'zh_CN', ...extra });
  }

  unfollow(openid: string): void {
    this.users.set(openid, { subscribed: false, openid });
  }

  followerPages(nextOpenid?: string) {
    return openidPages(async (cursor) => {
      this.calls.userGet.push(cursor);
      this.fail('userGet');
      const all = [...this.users.values()].filter((u) => u.subscribed).map((u) => u.openid).sort();
      const from = cursor === undefined ? 0 : all.indexOf(cursor) + 1;
      const page = all.slice(from, from + this.pageSize);
      // As WeChat: past the end count is 0 and next_openid "", otherwise the last openid of the page.
      return { total: all.length, count: page.length, ...(page.length ? { data: { openid: page } } : {}), next_openid: page.at(-1) ?? '' };
    }, nextOpenid);
  }

  async batchGet(openids: readonly string[]): Promise<UserInfo[]> {
    if (openids.length > 100) throw new Error(`batchget takes at most 100, got ${openids.length}`);
    this.calls.batchGet.push(openids.length);
    this.fail('batchGet');
    return openids.map((o) => this.users.get(o)).filter((u): u is UserInfo => u !== undefined).map((u) => ({ ...u }));
  }

  private fail(endpoint: 'userGet' | 'batchGet'): void {
    const i = this.failures.findIndex((f) => f.endpoint === endpoint);
    if (i >= 0) throw this.failures.splice(i, 1)[0]!.error;
  }
}
