import type Router from '@koa/router';
import { readWeChatJson } from '../core/body';
import { EmulatorError, type EmulatorContext, type Follower } from '../core/contract';
import type { TagBook } from './tags-store';
import { OK, openidList, requireKnown, requireSubscribed } from './users-lookup';
import { cursorOf, openidPage } from './users-paging';

/** §8: 50 openids per batch (40032 beyond), 20 tags per user (45059 beyond). */
export const MEMBER_LIMITS = { openidsPerCall: 50, tagsPerUser: 20 } as const;

/** Who carries which tag: batch tag/untag, a user's tags, a tag's fans (§8). */
export function registerTagMembers(router: Router, emu: EmulatorContext, book: TagBook): void {
  router.post('/cgi-bin/tags/members/batchtagging', async (ctx) => {
    const { appId } = emu.authenticate(ctx);
    const { tagId, followers } = await membersCall(ctx, emu, book, appId);
    const adding = followers.filter((f) => !f.tagIds.includes(tagId));
    // All or nothing: one user over the limit fails the call before anyone is tagged.
    if (adding.some((f) => f.tagIds.length >= MEMBER_LIMITS.tagsPerUser)) throw new EmulatorError(45059, 'has too many tags, one user can only have 20 tags');
    for (const f of adding) if (!f.tagIds.includes(tagId)) f.tagIds = [...f.tagIds, tagId];
    ctx.body = OK;
  });

  router.post('/cgi-bin/tags/members/batchuntagging', async (ctx) => {
    const { appId } = emu.authenticate(ctx);
    const { tagId, followers } = await membersCall(ctx, emu, book, appId);
    for (const f of followers) f.tagIds = f.tagIds.filter((t) => t !== tagId);
    ctx.body = OK;
  });

  router.post('/cgi-bin/tags/getidlist', async (ctx) => {
    const { appId } = emu.authenticate(ctx);
    const { openid } = await readWeChatJson(ctx);
    ctx.body = { tagid_list: [...requireKnown(emu, appId, openid).tagIds] };
  });

  router.post('/cgi-bin/user/tag/get', async (ctx) => {
    const { appId } = emu.authenticate(ctx);
    const body = await readWeChatJson(ctx);
    const tagId = knownTagId(book, appId, body.tagid);
    ctx.body = openidPage(emu.followers(appId), cursorOf(body.next_openid), (f) => f.subscribed && f.tagIds.includes(tagId));
  });
}

type KoaContext = Parameters<typeof readWeChatJson>[0];

/** The body of batch(un)tagging checked: 1..50 openids of current followers and a tag that exists. */
async function membersCall(ctx: KoaContext, emu: EmulatorContext, book: TagBook, appId: string): Promise<{ tagId: number; followers: Follower[] }> {
  const body = await readWeChatJson(ctx);
  const openids = openidList(body, MEMBER_LIMITS.openidsPerCall);
  const tagId = knownTagId(book, appId, body.tagid);
  return { tagId, followers: openids.map((openid) => requireSubscribed(emu, appId, openid)) };
}

/** The star tag or one of the account's own tags; anything else is 45159. */
function knownTagId(book: TagBook, appId: string, id: unknown): number {
  if (typeof id !== 'number' || !Number.isInteger(id) || !book.find(appId, id)) throw new EmulatorError(45159, 'invalid tag id');
  return id;
}
