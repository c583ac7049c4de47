import type { Follower } from '../core/contract';

export interface TagDefinition {
  id: number;
  name: string;
}

/** Ids 0, 1, 2 are the system's (§8); only 2, "星标组" (starred), is listed by tags/get and can be applied. */
export const RESERVED_TAG_IDS = new Set([0, 1, 2]);
export const STAR_TAG: TagDefinition = { id: 2, name: '星标组' };
/** WeChat numbers an account's own tags from 100 and never reuses an id. */
const FIRST_TAG_ID = 100;

interface AccountTags {
  tags: Map<number, TagDefinition>;
  nextId: number;
}

/**
 * The tag definitions of every account. Which follower carries which tag lives on the followers
 * (Follower.tagIds, in the order applied), which the core owns.
 */
export class TagBook {
  private readonly byAccount = new Map<string, AccountTags>();

  /** The account's own tags, oldest first (the star tag is not among them). */
  own(appId: string): TagDefinition[] {
    return [...this.of(appId).tags.values()];
  }

  /** A tag that can be applied or listed: the star tag or one of the account's own. */
  find(appId: string, id: number): TagDefinition | undefined {
    return id === STAR_TAG.id ? STAR_TAG : this.of(appId).tags.get(id);
  }

  /** The tag (star tag included) already called `name`, if any. */
  named(appId: string, name: string): TagDefinition | undefined {
    if (name === STAR_TAG.name) return STAR_TAG;
    for (const tag of this.of(appId).tags.values()) if (tag.name === name) return tag;
    return undefined;
  }

  create(appId: string, name: string): TagDefinition {
    const account = this.of(appId);
    const tag = { id: account.nextId, name };
    account.nextId += 1;
    account.tags.set(tag.id, tag);
    return tag;
  }

  rename(appId: string, id: number, name: string): void {
    const tag = this.of(appId).tags.get(id);
    if (tag) tag.name = name;
  }

  /** Drops the definition and takes the tag off every follower. */
  remove(appId: string, id: number, followers: Iterable<Follower>): void {
    this.of(appId).tags.delete(id);
    for (const follower of followers) {
      if (follower.tagIds.includes(id)) follower.tagIds = follower.tagIds.filter((t) => t !== id);
    }
  }

  forget(appId: string): void {
    this.byAccount.delete(appId);
  }

  private of(appId: string): AccountTags {
    let account = this.byAccount.get(appId);
    if (!account) {
      account = { tags: new Map(), nextId: FIRST_TAG_ID };
      this.byAccount.set(appId, account);
    }
    return account;
  }
}

/** Followers (following now) who carry the tag: the `count` of tags/get. */
export function fanCount(followers: Iterable<Follower>, id: number): number {
  let count = 0;
  for (const f of followers) if (f.subscribed && f.tagIds.includes(id)) count += 1;
  return count;
}
