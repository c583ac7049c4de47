import { EmulatorError, type Follower } from '../core/contract';

/** user/get, user/tag/get and getblacklist all answer at most 10 000 openids a page (§8). */
export const PAGE_SIZE = 10_000;

export interface OpenidPageBody {
  count: number;
  data?: { openid: string[] };
  next_openid: string;
}

/**
 * One page of the followers `include` selects, after `cursor` in the account's stable follower
 * order (first follow first). The cursor is any openid the account has seen, so a user who
 * unfollowed between two pages does not break the paging; an unknown one is 40003.
 *
 * What WeChat sends, and what trips SDKs (protocol doc §8/§12): every page with data carries
 * next_openid = its last openid — the last page too — and only the call after it answers
 * count 0, no `data`, and next_openid "".
 */
export function openidPage(followers: Map<string, Follower>, cursor: string, include: (f: Follower) => boolean): OpenidPageBody {
  if (cursor !== '' && !followers.has(cursor)) throw new EmulatorError(40003, 'invalid next_openid');
  const openids: string[] = [];
  let started = cursor === '';
  for (const follower of followers.values()) {
    if (!started) {
      started = follower.openid === cursor;
      continue;
    }
    if (!include(follower)) continue;
    openids.push(follower.openid);
    if (openids.length === PAGE_SIZE) break;
  }
  if (openids.length === 0) return { count: 0, next_openid: '' };
  return { count: openids.length, data: { openid: openids }, next_openid: openids[openids.length - 1] ?? '' };
}

/** A cursor from the query string or the body: absent means the start. */
export function cursorOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new EmulatorError(40003, 'invalid next_openid');
  return value;
}
