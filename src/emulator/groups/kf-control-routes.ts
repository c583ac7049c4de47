import type Router from '@koa/router';
import { readControlJson } from '../core/body';
import type { EmulatorContext } from '../core/contract';
import { ControlError } from '../core/errors';
import type { ServiceWindows } from './custom-message-window';
import { inviteStatus, type KfAgent, type KfBook } from './kf-state';

/**
 * Control routes for what happens on agents' and followers' phones rather than through the API:
 * an invited WeChat user answering, an agent going online, a follower queueing for an agent
 * (the core does not tell groups about a transfer_customer_service reply), and a look at the
 * customer-service window.
 */
export function registerKfControlRoutes(router: Router, emu: EmulatorContext, book: KfBook, windows: ServiceWindows): void {
  const requireAccount = (appId: string): string => {
    if (!emu.account(appId)) throw new ControlError(404, 'account_not_found', `no emulated account ${appId}`);
    return appId;
  };
  const requireAgent = (appId: string, kfAccount: string): KfAgent => {
    const agent = book.of(requireAccount(appId)).agents.get(kfAccount);
    if (!agent) throw new ControlError(404, 'kf_account_not_found', `no agent ${kfAccount} in ${appId}`);
    return agent;
  };

  /** Body: {answer: 'accept' | 'reject'}. Accepting binds the invited WeChat user to the agent. */
  router.post('/__emulator/accounts/:appId/kf/:kfAccount/invite', async (ctx) => {
    const agent = requireAgent(ctx.params.appId!, ctx.params.kfAccount!);
    const { answer } = await readControlJson(ctx);
    if (answer !== 'accept' && answer !== 'reject') throw new ControlError(400, 'invalid_body', "answer is 'accept' or 'reject'");
    if (!agent.invite || inviteStatus(agent.invite, emu.nowSeconds()) !== 'waiting') {
      throw new ControlError(409, 'no_pending_invite', `${agent.account} has no pending invitation`);
    }
    if (answer === 'reject') agent.invite.status = 'rejected';
    else {
      agent.wx = agent.invite.wx;
      agent.openid = `oKF${ctx.params.appId!.slice(-8)}${String(agent.id).padStart(17, '0')}`;
      agent.invite = null;
    }
    ctx.body = { kf_account: agent.account, kf_wx: agent.wx, invite_status: agent.invite ? agent.invite.status : null };
  });

  /** Body: {status: 0 | 1} — offline or online on the web client; only a bound agent can log in. */
  router.post('/__emulator/accounts/:appId/kf/:kfAccount/status', async (ctx) => {
    const agent = requireAgent(ctx.params.appId!, ctx.params.kfAccount!);
    const { status } = await readControlJson(ctx);
    if (status !== 0 && status !== 1) throw new ControlError(400, 'invalid_body', 'status is 0 (offline) or 1 (online)');
    if (status === 1 && agent.wx === null) throw new ControlError(409, 'not_bound', `${agent.account} has no bound WeChat user to log in with`);
    agent.status = status;
    ctx.body = { kf_account: agent.account, status };
  });

  /** Body: {openid}. Puts a follower in the waiting queue, as a transfer to customer service does. */
  router.post('/__emulator/accounts/:appId/kf-waitcase', async (ctx) => {
    const appId = requireAccount(ctx.params.appId!);
    const { openid } = await readControlJson(ctx);
    const follower = typeof openid === 'string' ? emu.followers(appId).get(openid) : undefined;
    if (!follower || !follower.subscribed) throw new ControlError(404, 'fan_not_found', `${String(openid)} does not follow ${appId}`);
    const state = book.of(appId);
    if (state.sessions.has(follower.openid)) throw new ControlError(409, 'in_session', `${follower.openid} is already being served`);
    state.waiting.set(follower.openid, emu.nowSeconds());
    ctx.status = 201;
    ctx.body = { openid: follower.openid, latest_time: state.waiting.get(follower.openid) };
  });

  /** The follower's customer-service window as the emulator sees it (null when none was ever opened). */
  router.get('/__emulator/accounts/:appId/fans/:openid/service-window', (ctx) => {
    const appId = requireAccount(ctx.params.appId!);
    const openid = ctx.params.openid!;
    const now = emu.nowSeconds();
    const window = windows.window(appId, openid);
    ctx.body = { window: window ? { ...window, open: now < window.expiresAt } : null, typing: windows.isTyping(appId, openid, now) };
  });
}
