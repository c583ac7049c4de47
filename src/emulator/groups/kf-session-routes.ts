import type Router from '@koa/router';
import { readWeChatJson } from '../core/body';
import { EmulatorError, type EmulatorContext } from '../core/contract';
import { authenticateVerified } from './custom-message-routes';
import type { KfAgent, KfBook } from './kf-state';

const OK = { errcode: 0, errmsg: 'ok' };
/** getwaitcase lists at most this many (count still tells the total). */
const WAITCASE_LIST_LIMIT = 100;

const fail = (code: number, msg: string): never => {
  throw new EmulatorError(code, msg);
};

/** kfsession create/close/getsession/getsessionlist/getwaitcase (§6.4). */
export function registerKfSessionRoutes(router: Router, emu: EmulatorContext, book: KfBook): void {
  const agentOf = (appId: string, kfAccount: unknown): KfAgent =>
    (typeof kfAccount === 'string' ? book.of(appId).agents.get(kfAccount) : undefined) ?? fail(65401, 'invalid kf_account');
  const followerOf = (appId: string, openid: unknown) => {
    const follower = typeof openid === 'string' ? emu.followers(appId).get(openid) : undefined;
    return follower ?? fail(40003, 'invalid openid');
  };

  router.post('/customservice/kfsession/create', async (ctx) => {
    const { appId } = authenticateVerified(emu, ctx);
    const body = await readWeChatJson(ctx);
    const agent = agentOf(appId, body.kf_account);
    if (agent.wx === null) fail(65402, 'kf_account not bound to a wechat user');
    if (agent.status !== 1) fail(65415, 'kf_account is offline');
    const follower = followerOf(appId, body.openid);
    if (!follower.subscribed) fail(40003, 'invalid openid');
    const state = book.of(appId);
    const current = state.sessions.get(follower.openid);
    if (current && current.kfAccount !== agent.account) fail(65414, 'the user is being served by another agent');
    // Creating an existing session is a success that changes nothing.
    if (!current) state.sessions.set(follower.openid, { kfAccount: agent.account, createdAt: emu.nowSeconds() });
    state.waiting.delete(follower.openid);
    ctx.body = OK;
  });

  router.post('/customservice/kfsession/close', async (ctx) => {
    const { appId } = authenticateVerified(emu, ctx);
    const body = await readWeChatJson(ctx);
    const agent = agentOf(appId, body.kf_account);
    const follower = followerOf(appId, body.openid);
    const state = book.of(appId);
    const current = state.sessions.get(follower.openid);
    if (!current) fail(65413, 'no session for this user');
    if (current!.kfAccount !== agent.account) fail(65414, 'the user is being served by another agent');
    state.sessions.delete(follower.openid);
    ctx.body = OK;
  });

  router.get('/customservice/kfsession/getsession', (ctx) => {
    const { appId } = authenticateVerified(emu, ctx);
    const follower = followerOf(appId, ctx.query.openid);
    const session = book.of(appId).sessions.get(follower.openid);
    ctx.body = { createtime: session?.createdAt ?? 0, kf_account: session?.kfAccount ?? '' };
  });

  router.get('/customservice/kfsession/getsessionlist', (ctx) => {
    const { appId } = authenticateVerified(emu, ctx);
    const agent = agentOf(appId, ctx.query.kf_account);
    const sessions = [...book.of(appId).sessions].filter(([, s]) => s.kfAccount === agent.account);
    ctx.body = { sessionlist: sessions.map(([openid, s]) => ({ createtime: s.createdAt, openid })) };
  });

  router.get('/customservice/kfsession/getwaitcase', (ctx) => {
    const { appId } = authenticateVerified(emu, ctx);
    const waiting = [...book.of(appId).waiting].sort((a, b) => a[1] - b[1]);
    ctx.body = { count: waiting.length, waitcaselist: waiting.slice(0, WAITCASE_LIST_LIMIT).map(([openid, latest]) => ({ latest_time: latest, openid })) };
  });
}
