import type { ApiCaller } from './caller';
import { collect, inChunks, openidPages, openidsOf, type OpenidPage, type RawOpenidPage } from './users-paging';

/** batchblacklist / batchunblacklist take at most 20 openids per call (protocol doc §8). */
export const BLACKLIST_BATCH_SIZE = 20;

/**
 * The account's blacklist: blocked users can no longer message the account.
 * https://developers.weixin.qq.com/doc/offiaccount/User_Management/Manage_blacklist.html
 */
export class BlacklistApi {
  constructor(private readonly caller: ApiCaller) {}

  /**
   * The blacklist a page (≤ 10 000) at a time. It pages with `begin_openid` rather than
   * `next_openid` but ends like user/get: stop on an empty page.
   * https://developers.weixin.qq.com/doc/offiaccount/User_Management/Manage_blacklist.html
   */
  pages(beginOpenid?: string): AsyncGenerator<OpenidPage, void, undefined> {
    const fetch = (cursor: string | undefined) => this.caller.post<RawOpenidPage>('/cgi-bin/tags/members/getblacklist', { begin_openid: cursor ?? '' });
    return openidPages(fetch, beginOpenid);
  }

  /** Blacklisted openids, streamed. */
  list(beginOpenid?: string): AsyncGenerator<string, void, undefined> {
    return openidsOf(this.pages(beginOpenid));
  }

  /** Every blacklisted openid at once. */
  all(): Promise<string[]> {
    return collect(this.list());
  }

  /**
   * Blacklists the openids, one call per 20 in order.
   * https://developers.weixin.qq.com/doc/offiaccount/User_Management/Manage_blacklist.html
   */
  async batchBlack(openids: readonly string[]): Promise<void> {
    await this.inBatches('/cgi-bin/tags/members/batchblacklist', openids);
  }

  /**
   * Lifts the block, one call per 20 in order.
   * https://developers.weixin.qq.com/doc/offiaccount/User_Management/Manage_blacklist.html
   */
  async batchUnblack(openids: readonly string[]): Promise<void> {
    await this.inBatches('/cgi-bin/tags/members/batchunblacklist', openids);
  }

  private async inBatches(path: string, openids: readonly string[]): Promise<void> {
    for (const chunk of inChunks(openids, BLACKLIST_BATCH_SIZE)) await this.caller.post(path, { openid_list: chunk });
  }
}
