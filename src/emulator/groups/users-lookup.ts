import { EmulatorError, type EmulatorContext, type Follower } from '../core/contract';

/**
 * Checks shared by the user-management routes (users, tags, blacklist), with the errcodes of
 * protocol doc §4.2/§8.
 */

/** A follower who follows now; anyone else is 40003 "invalid openid", as WeChat answers. */
export function requireSubscribed(emu: EmulatorContext, appId: string, openid: unknown): Follower {
  const follower = requireKnown(emu, appId, openid);
  if (!follower.subscribed) throw new EmulatorError(40003, 'invalid openid');
  return follower;
}

/** A user who has followed the account at some time (unfollowers keep their openid). */
export function requireKnown(emu: EmulatorContext, appId: string, openid: unknown): Follower {
  const follower = typeof openid === 'string' && openid !== '' ? emu.followers(appId).get(openid) : undefined;
  if (!follower) throw new EmulatorError(40003, 'invalid openid');
  return follower;
}

/** `openid_list` with 1..max entries; a missing or non-array list is a format error, a bad size 40032. */
export function openidList(body: Record<string, unknown>, max: number): string[] {
  const list = body.openid_list;
  if (!Array.isArray(list)) throw new EmulatorError(47001, 'data format error');
  if (list.length === 0 || list.length > max) throw new EmulatorError(40032, 'invalid openid list size');
  if (!list.every((o) => typeof o === 'string')) throw new EmulatorError(40003, 'invalid openid');
  return list as string[];
}

/** Characters as people count them (code points), not UTF-16 units. */
export const charLength = (text: string): number => [...text].length;

export const OK = { errcode: 0, errmsg: 'ok' } as const;
