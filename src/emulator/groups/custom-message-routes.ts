import type Router from '@koa/router';
import type { Context } from 'koa';
import { readWeChatJson } from '../core/body';
import { EmulatorError, type EmulatorAccount, type EmulatorContext, type Follower } from '../core/contract';
import { recordText, validatePayload } from './custom-message-payload';
import type { ServiceWindows } from './custom-message-window';
import type { KfBook } from './kf-state';

const OK = { errcode: 0, errmsg: 'ok' };

/** The customer-service API needs a verified account (48001 otherwise). */
export function authenticateVerified(emu: EmulatorContext, ctx: Context): EmulatorAccount {
  const account = emu.authenticate(ctx);
  if (!account.verified) throw new EmulatorError(48001, 'api unauthorized');
  return account;
}

/** 40003 for an openid that never followed this account. */
function recipient(emu: EmulatorContext, appId: string, touser: unknown): Follower {
  const follower = typeof touser === 'string' ? emu.followers(appId).get(touser) : undefined;
  if (!follower) throw new EmulatorError(40003, 'invalid openid');
  return follower;
}

/** message/custom/send and message/custom/typing (§6.1, §6.2). */
export function registerCustomMessageRoutes(router: Router, emu: EmulatorContext, windows: ServiceWindows, kf: KfBook): void {
  router.post('/cgi-bin/message/custom/send', async (ctx) => {
    const { appId } = authenticateVerified(emu, ctx);
    const body = await readWeChatJson(ctx);
    const follower = recipient(emu, appId, body.touser);
    const { msgType, payload } = validatePayload(body);
    const service = body.customservice as { kf_account?: unknown } | undefined;
    const worker = typeof service?.kf_account === 'string' && service.kf_account !== '' ? service.kf_account : null;
    if (worker !== null && !kf.of(appId).agents.has(worker)) throw new EmulatorError(65401, 'invalid kf_account');
    if (!follower.subscribed) throw new EmulatorError(45015, 'response out of time limit or subscription is canceled');
    const now = emu.nowSeconds();
    windows.consume(appId, follower.openid, now);
    emu.deliver(appId, follower.openid, { source: 'custom', msgType, content: body, at: now });
    // 2002 = the agent sent; only messages sent as an agent appear in the agent's records.
    if (worker !== null) kf.record(appId, { openid: follower.openid, opercode: 2002, text: recordText(msgType, payload), time: now, worker });
    ctx.body = OK;
  });

  router.post('/cgi-bin/message/custom/typing', async (ctx) => {
    const { appId } = authenticateVerified(emu, ctx);
    const body = await readWeChatJson(ctx);
    const follower = recipient(emu, appId, body.touser);
    if (body.command !== 'Typing' && body.command !== 'CancelTyping') throw new EmulatorError(45072, 'command invalid');
    if (!follower.subscribed) throw new EmulatorError(45015, 'response out of time limit or subscription is canceled');
    if (body.command === 'Typing') windows.startTyping(appId, follower.openid, emu.nowSeconds());
    else windows.cancelTyping(appId, follower.openid);
    ctx.body = OK;
  });
}
