import type Router from '@koa/router';
import { readWeChatJson } from '../core/body';
import { EmulatorError, type EmulatorContext, type Follower, type RegisterGroup } from '../core/contract';
import { charLength, OK, requireKnown, requireSubscribed } from './users-lookup';
import { cursorOf, openidPage } from './users-paging';

/** batchget takes at most 100 users a call (§8). */
const BATCH_MAX = 100;
/** §8: "remark < 30 chars" — 30 itself is refused. */
const REMARK_MAX_CHARS = 29;
const LANGS = new Set(['zh_CN', 'zh_TW', 'en']);

/**
 * User information as WeChat gives it since 2021-12-27 (§8): no nickname, avatar, sex or place.
 * A user who unfollowed gets only subscribe 0, openid and unionid.
 */
export function userInfo(follower: Follower): Record<string, unknown> {
  const unionid = follower.unionid === undefined ? {} : { unionid: follower.unionid };
  if (!follower.subscribed) return { subscribe: 0, openid: follower.openid, ...unionid };
  return {
    subscribe: 1,
    openid: follower.openid,
    language: follower.language,
    subscribe_time: follower.subscribeTime,
    ...unionid,
    remark: follower.remark,
    // The legacy group id: WeChat still sends it, 0 ("未分组") when no group applies.
    groupid: 0,
    tagid_list: [...follower.tagIds],
    subscribe_scene: follower.subscribeScene,
    qr_scene: follower.qrScene,
    qr_scene_str: follower.qrSceneStr,
  };
}

/** The user-management routes of §8: info, batchget, the follower list, remarks. */
export const registerUsers: RegisterGroup = (router: Router, emu: EmulatorContext) => {
  router.get('/cgi-bin/user/info', (ctx) => {
    const { appId } = emu.authenticate(ctx);
    checkLang(ctx.query.lang);
    ctx.body = userInfo(requireKnown(emu, appId, ctx.query.openid));
  });

  router.post('/cgi-bin/user/info/batchget', async (ctx) => {
    const { appId } = emu.authenticate(ctx);
    const { user_list: list } = await readWeChatJson(ctx);
    if (!Array.isArray(list)) throw new EmulatorError(47001, 'data format error');
    if (list.length === 0 || list.length > BATCH_MAX) throw new EmulatorError(40032, 'invalid openid list size');
    const users = list.map((entry: unknown) => {
      if (entry === null || typeof entry !== 'object') throw new EmulatorError(47001, 'data format error');
      const { openid, lang } = entry as { openid?: unknown; lang?: unknown };
      checkLang(lang);
      return userInfo(requireKnown(emu, appId, openid));
    });
    ctx.body = { user_info_list: users };
  });

  router.get('/cgi-bin/user/get', (ctx) => {
    const { appId } = emu.authenticate(ctx);
    const followers = emu.followers(appId);
    let total = 0;
    for (const f of followers.values()) if (f.subscribed) total += 1;
    ctx.body = { total, ...openidPage(followers, cursorOf(ctx.query.next_openid), (f) => f.subscribed) };
  });

  router.post('/cgi-bin/user/info/updateremark', async (ctx) => {
    const { appId } = emu.authenticate(ctx);
    const { openid, remark } = await readWeChatJson(ctx);
    const follower = requireSubscribed(emu, appId, openid);
    if (typeof remark !== 'string') throw new EmulatorError(47001, 'data format error');
    // §8 gives the limit but not the errcode; 45002 is WeChat's generic "content size out of limit".
    if (charLength(remark) > REMARK_MAX_CHARS) throw new EmulatorError(45002, 'content size out of limit, remark must be shorter than 30 characters');
    follower.remark = remark;
    ctx.body = OK;
  });
};

/** §8 lists zh_CN, zh_TW and en (absent means zh_CN) but no errcode for others; we answer 47001 so a typo shows. */
function checkLang(lang: unknown): void {
  if (lang === undefined || lang === '') return;
  if (typeof lang !== 'string' || !LANGS.has(lang)) throw new EmulatorError(47001, 'data format error, lang must be zh_CN, zh_TW or en');
}
