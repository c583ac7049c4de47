import type Router from '@koa/router';
import { readWeChatJson } from '../core/body';
import { EmulatorError, type EmulatorContext } from '../core/contract';
import { menuFor, validateMatchRule } from './menu-matchrule';
import { urlDomains, validateButtons } from './menu-rules';
import { renderButtons, type MenuBook } from './menu-state';

/**
 * How many conditional menus an account may hold. WeChat documents the error (65305) but not the
 * number; 20 is an assumption, kept in one place.
 */
export const MAX_CONDITIONAL_MENUS = 20;
/** All conditional menus together may send followers to at most this many domains (65316). */
const MAX_CONDITIONAL_DOMAINS = 3;

const OK = { errcode: 0, errmsg: 'ok' };

/** menu/create, get, delete, addconditional, delconditional, trymatch (§5). */
export function registerMenuRoutes(router: Router, emu: EmulatorContext, book: MenuBook): void {
  router.post('/cgi-bin/menu/create', async (ctx) => {
    const { appId } = emu.authenticate(ctx);
    const body = await readWeChatJson(ctx);
    const button = validateButtons(body.button, { conditional: false });
    const state = book.of(appId);
    state.default = { menuid: book.newMenuId(), button };
    // An API menu takes over from whatever the console had set.
    state.consoleMenu = null;
    ctx.body = OK;
  });

  router.get('/cgi-bin/menu/get', (ctx) => {
    const state = book.of(emu.authenticate(ctx).appId);
    if (!state.default) throw new EmulatorError(46003, 'menu no exist');
    const body: Record<string, unknown> = { menu: { button: renderButtons(state.default.button), menuid: Number(state.default.menuid) } };
    if (state.conditional.length > 0) {
      body.conditionalmenu = state.conditional.map((m) => ({ button: renderButtons(m.button), matchrule: { ...m.matchrule }, menuid: Number(m.menuid) }));
    }
    ctx.body = body;
  });

  router.get('/cgi-bin/menu/delete', (ctx) => {
    const state = book.of(emu.authenticate(ctx).appId);
    state.default = null;
    state.conditional = [];
    state.consoleMenu = null;
    ctx.body = OK;
  });

  router.post('/cgi-bin/menu/addconditional', async (ctx) => {
    const account = emu.authenticate(ctx);
    const body = await readWeChatJson(ctx);
    const state = book.of(account.appId);
    // Personalized menus are open to verified accounts only.
    if (!account.verified) throw new EmulatorError(65306, 'account does not support conditional menu');
    if (!state.default) throw new EmulatorError(65303, 'there is no default menu');
    const matchrule = validateMatchRule(body.matchrule);
    const button = validateButtons(body.button, { conditional: true });
    if (state.conditional.length >= MAX_CONDITIONAL_MENUS) throw new EmulatorError(65305, 'conditional menu count limit');
    const domains = urlDomains([...state.conditional.flatMap((m) => m.button), ...button]);
    if (domains.size > MAX_CONDITIONAL_DOMAINS) throw new EmulatorError(65316, 'too many url domains in conditional menus (3 at most)');
    const menuid = book.newMenuId();
    state.conditional.push({ menuid, button, matchrule });
    ctx.body = { menuid };
  });

  router.post('/cgi-bin/menu/delconditional', async (ctx) => {
    const { appId } = emu.authenticate(ctx);
    const body = await readWeChatJson(ctx);
    const state = book.of(appId);
    const index = state.conditional.findIndex((m) => m.menuid === String(body.menuid ?? ''));
    if (index < 0) throw new EmulatorError(65301, 'no such menuid');
    state.conditional.splice(index, 1);
    ctx.body = OK;
  });

  router.post('/cgi-bin/menu/trymatch', async (ctx) => {
    const { appId } = emu.authenticate(ctx);
    const body = await readWeChatJson(ctx);
    // Only openids are known here (the emulator has no followers' WeChat IDs).
    const follower = typeof body.user_id === 'string' ? emu.followers(appId).get(body.user_id) : undefined;
    if (!follower || !follower.subscribed) throw new EmulatorError(65302, 'no such user');
    const menu = menuFor(book.of(appId), follower);
    if (!menu) throw new EmulatorError(46003, 'menu no exist');
    ctx.body = { button: renderButtons(menu.button) };
  });
}
