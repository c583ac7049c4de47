import type Router from '@koa/router';
import { readWeChatJson } from '../core/body';
import { EmulatorError, type EmulatorContext } from '../core/contract';
import { fanCount, RESERVED_TAG_IDS, STAR_TAG, type TagBook } from './tags-store';
import { OK } from './users-lookup';

/** The limits of §8 / §4.2 for tag definitions. */
export const TAG_LIMITS = {
  /** 45056 beyond. The star tag is the system's and does not count. */
  tagsPerAccount: 100,
  /** 45158 beyond; counted in UTF-8 bytes, so 10 Chinese characters fill it. */
  nameBytes: 30,
  /** 45057: a tag with more fans than this cannot be deleted; untag down first. */
  deletableFans: 100_000,
} as const;

/** Tag definitions: create, get (with counts), update, delete (§8). */
export function registerTags(router: Router, emu: EmulatorContext, book: TagBook): void {
  router.post('/cgi-bin/tags/create', async (ctx) => {
    const { appId } = emu.authenticate(ctx);
    const { name } = tagOf(await readWeChatJson(ctx));
    const checked = checkName(name);
    if (book.named(appId, checked)) throw new EmulatorError(45157, 'invalid tag name, the name already exists');
    if (book.own(appId).length >= TAG_LIMITS.tagsPerAccount) throw new EmulatorError(45056, 'too many tags now, no need to add new');
    ctx.body = { tag: { ...book.create(appId, checked) } };
  });

  router.get('/cgi-bin/tags/get', (ctx) => {
    const { appId } = emu.authenticate(ctx);
    const followers = [...emu.followers(appId).values()];
    const tags = [STAR_TAG, ...book.own(appId)].map((t) => ({ id: t.id, name: t.name, count: fanCount(followers, t.id) }));
    ctx.body = { tags };
  });

  router.post('/cgi-bin/tags/update', async (ctx) => {
    const { appId } = emu.authenticate(ctx);
    const { id, name } = tagOf(await readWeChatJson(ctx));
    const tagId = ownTagId(book, appId, id);
    const checked = checkName(name);
    const holder = book.named(appId, checked);
    if (holder && holder.id !== tagId) throw new EmulatorError(45157, 'invalid tag name, the name already exists');
    book.rename(appId, tagId, checked);
    ctx.body = OK;
  });

  router.post('/cgi-bin/tags/delete', async (ctx) => {
    const { appId } = emu.authenticate(ctx);
    const { id } = tagOf(await readWeChatJson(ctx));
    const tagId = ownTagId(book, appId, id);
    const followers = emu.followers(appId);
    if (fanCount(followers.values(), tagId) > TAG_LIMITS.deletableFans) {
      throw new EmulatorError(45057, 'can not delete the tag that has too much fans');
    }
    book.remove(appId, tagId, followers.values());
    ctx.body = OK;
  });
}

function tagOf(body: Record<string, unknown>): { id?: unknown; name?: unknown } {
  const tag = body.tag;
  if (tag === null || typeof tag !== 'object' || Array.isArray(tag)) throw new EmulatorError(47001, 'data format error');
  return tag as { id?: unknown; name?: unknown };
}

/** An account's own tag id: 0/1/2 are 45058 (reserved), anything else unknown 45159. */
function ownTagId(book: TagBook, appId: string, id: unknown): number {
  if (typeof id !== 'number' || !Number.isInteger(id)) throw new EmulatorError(45159, 'invalid tag id');
  if (RESERVED_TAG_IDS.has(id)) throw new EmulatorError(45058, 'can not modify the system default tags');
  if (!book.own(appId).some((t) => t.id === id)) throw new EmulatorError(45159, 'invalid tag id');
  return id;
}

/** 45157 for an empty or non-string name, 45158 over 30 bytes. */
function checkName(name: unknown): string {
  if (typeof name !== 'string' || name.trim() === '') throw new EmulatorError(45157, 'invalid tag name');
  if (Buffer.byteLength(name, 'utf8') > TAG_LIMITS.nameBytes) throw new EmulatorError(45158, 'tag name too long');
  return name;
}
