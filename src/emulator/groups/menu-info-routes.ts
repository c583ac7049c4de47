import type Router from '@koa/router';
import { readControlJson } from '../core/body';
import type { EmulatorContext } from '../core/contract';
import { ControlError } from '../core/errors';
import { renderSelfMenuButtons, type MenuBook } from './menu-state';

const bad = (message: string): never => {
  throw new ControlError(400, 'invalid_body', message);
};
const isFlag = (v: unknown): boolean => v === undefined || v === 0 || v === 1;

function checkAutoReply(body: Record<string, unknown>): void {
  if (!isFlag(body.is_add_friend_reply_open) || !isFlag(body.is_autoreply_open)) bad('is_add_friend_reply_open and is_autoreply_open are 0 or 1');
  const keyword = body.keyword_autoreply_info as { list?: unknown } | undefined;
  if (keyword === undefined) return;
  if (typeof keyword !== 'object' || keyword === null || !Array.isArray(keyword.list)) bad('keyword_autoreply_info must be {list: [...]}');
  for (const rule of keyword.list as Record<string, unknown>[]) {
    if (typeof rule !== 'object' || rule === null || typeof rule.rule_name !== 'string') bad('every keyword rule needs a rule_name');
    const keywords = (rule.keyword_list_info ?? []) as Record<string, unknown>[];
    if (!Array.isArray(keywords) || !keywords.every((k) => k.match_mode === 'contain' || k.match_mode === 'equal')) {
      bad('keyword_list_info[].match_mode is contain or equal');
    }
  }
}

/**
 * What the MP console shows through the API — get_current_selfmenu_info and
 * get_current_autoreply_info — and the control routes standing in for the console itself.
 */
export function registerMenuInfoRoutes(router: Router, emu: EmulatorContext, book: MenuBook): void {
  router.get('/cgi-bin/get_current_selfmenu_info', (ctx) => {
    const state = book.of(emu.authenticate(ctx).appId);
    if (state.consoleMenu) ctx.body = state.consoleMenu;
    else if (state.default) ctx.body = { is_menu_open: 1, selfmenu_info: { button: renderSelfMenuButtons(state.default.button) } };
    else ctx.body = { is_menu_open: 0 };
  });

  router.get('/cgi-bin/get_current_autoreply_info', (ctx) => {
    ctx.body = book.of(emu.authenticate(ctx).appId).autoReply;
  });

  const requireAccount = (appId: string): string => {
    if (!emu.account(appId)) throw new ControlError(404, 'account_not_found', `no emulated account ${appId}`);
    return appId;
  };

  /** Body: get_current_autoreply_info's JSON exactly as WeChat would answer it; replaces the rules. */
  router.post('/__emulator/accounts/:appId/autoreply-info', async (ctx) => {
    const state = book.of(requireAccount(ctx.params.appId!));
    const body = await readControlJson(ctx);
    checkAutoReply(body);
    state.autoReply = body;
    ctx.body = body;
  });

  /** Body: get_current_selfmenu_info's JSON, as if the menu had been made in the console. */
  router.post('/__emulator/accounts/:appId/selfmenu-info', async (ctx) => {
    const state = book.of(requireAccount(ctx.params.appId!));
    const body = await readControlJson(ctx);
    const info = body.selfmenu_info as { button?: unknown } | undefined;
    if (!isFlag(body.is_menu_open) || (info !== undefined && !Array.isArray(info?.button))) bad('expected {is_menu_open: 0|1, selfmenu_info: {button: [...]}}');
    state.consoleMenu = body;
    ctx.body = body;
  });

  /** Body: {clientPlatformType: 1|2|3}; conditional menus match on it (unknown = 3, others). */
  router.post('/__emulator/accounts/:appId/fans/:openid/client-platform', async (ctx) => {
    const appId = requireAccount(ctx.params.appId!);
    const openid = ctx.params.openid!;
    if (!emu.followers(appId).has(openid)) throw new ControlError(404, 'fan_not_found', `${openid} has never followed ${appId}`);
    const { clientPlatformType } = await readControlJson(ctx);
    if (![1, 2, 3].includes(clientPlatformType as number)) bad('clientPlatformType is 1 (iOS), 2 (Android) or 3 (others)');
    book.of(appId).platforms.set(openid, String(clientPlatformType));
    ctx.body = { openid, clientPlatformType };
  });
}
