import type Router from '@koa/router';
import { readWeChatJson } from '../core/body';
import type { EmulatorContext, RegisterGroup } from '../core/contract';
import { OK, openidList, requireKnown, requireSubscribed } from './users-lookup';
import { cursorOf, openidPage } from './users-paging';

/** §8: batchblacklist / batchunblacklist take 1..20 openids (40032 otherwise). */
export const BLACKLIST_PER_CALL = 20;

/**
 * The blacklist (§8). Membership is Follower.blacklisted; the list pages like user/get but with
 * `begin_openid`, in follower order. Only current followers can be blocked; a blocked user who
 * has since unfollowed stays on the list and can still be unblocked.
 */
export const registerBlacklist: RegisterGroup = (router: Router, emu: EmulatorContext) => {
  router.post('/cgi-bin/tags/members/getblacklist', async (ctx) => {
    const { appId } = emu.authenticate(ctx);
    const body = await readWeChatJson(ctx);
    const followers = emu.followers(appId);
    let total = 0;
    for (const f of followers.values()) if (f.blacklisted) total += 1;
    ctx.body = { total, ...openidPage(followers, cursorOf(body.begin_openid), (f) => f.blacklisted) };
  });

  router.post('/cgi-bin/tags/members/batchblacklist', async (ctx) => {
    const { appId } = emu.authenticate(ctx);
    const openids = openidList(await readWeChatJson(ctx), BLACKLIST_PER_CALL);
    const followers = openids.map((openid) => requireSubscribed(emu, appId, openid));
    for (const f of followers) f.blacklisted = true;
    ctx.body = OK;
  });

  router.post('/cgi-bin/tags/members/batchunblacklist', async (ctx) => {
    const { appId } = emu.authenticate(ctx);
    const openids = openidList(await readWeChatJson(ctx), BLACKLIST_PER_CALL);
    const followers = openids.map((openid) => requireKnown(emu, appId, openid));
    for (const f of followers) f.blacklisted = false;
    ctx.body = OK;
  });
};
