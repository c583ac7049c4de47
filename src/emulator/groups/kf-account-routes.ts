import type Router from '@koa/router';
import { readWeChatJson } from '../core/body';
import { EmulatorError, type EmulatorContext } from '../core/contract';
import { authenticateVerified } from './custom-message-routes';
import { INVITE_SECONDS, inviteStatus, MAX_ACCOUNTS_PER_WORKER, MAX_AGENTS, type KfAgent, type KfBook } from './kf-state';

const OK = { errcode: 0, errmsg: 'ok' };
/** prefix (≤ 10 of [A-Za-z0-9_]) @ the account's WeChat ID. */
const KF_ACCOUNT = /^([A-Za-z0-9_]{1,10})@(.{1,30})$/;
/** WeChat IDs: 6–20 characters, a letter first, then letters, digits, _ or -. */
const WECHAT_ID = /^[A-Za-z][A-Za-z0-9_-]{5,19}$/;
const NICKNAME_CHARS = 16;

const fail = (code: number, msg: string): never => {
  throw new EmulatorError(code, msg);
};

function checkNickname(nickname: unknown): string {
  if (typeof nickname !== 'string' || nickname === '' || [...nickname].length > NICKNAME_CHARS) fail(65403, 'invalid nickname');
  return nickname as string;
}

const agentOf = (agents: Map<string, KfAgent>, kfAccount: unknown): KfAgent =>
  (typeof kfAccount === 'string' ? agents.get(kfAccount) : undefined) ?? fail(65401, 'invalid kf_account');

/** kfaccount add/update/del/inviteworker under /customservice/, the two lists under /cgi-bin/customservice/ (§6.3). */
export function registerKfAccountRoutes(router: Router, emu: EmulatorContext, book: KfBook): void {
  router.post('/customservice/kfaccount/add', async (ctx) => {
    const account = authenticateVerified(emu, ctx);
    const body = await readWeChatJson(ctx);
    const match = typeof body.kf_account === 'string' ? KF_ACCOUNT.exec(body.kf_account) : null;
    if (!match || match[2] !== account.wechatId) fail(65404, 'invalid kf_account (prefix@account_wechat_id)');
    const nickname = checkNickname(body.nickname);
    const state = book.of(account.appId);
    const kfAccount = body.kf_account as string;
    if (state.agents.has(kfAccount)) fail(65406, 'kf_account exists');
    if (state.agents.size >= MAX_AGENTS) fail(65405, 'kf_account count limit');
    state.agents.set(kfAccount, { account: kfAccount, nickname, id: state.nextAgentId++, wx: null, openid: null, invite: null, status: 0 });
    ctx.body = OK;
  });

  router.post('/customservice/kfaccount/update', async (ctx) => {
    const { appId } = authenticateVerified(emu, ctx);
    const body = await readWeChatJson(ctx);
    const agent = agentOf(book.of(appId).agents, body.kf_account);
    agent.nickname = checkNickname(body.nickname);
    ctx.body = OK;
  });

  router.get('/customservice/kfaccount/del', (ctx) => {
    const { appId } = authenticateVerified(emu, ctx);
    const state = book.of(appId);
    const agent = agentOf(state.agents, ctx.query.kf_account);
    state.agents.delete(agent.account);
    for (const [openid, session] of state.sessions) if (session.kfAccount === agent.account) state.sessions.delete(openid);
    ctx.body = OK;
  });

  router.post('/customservice/kfaccount/inviteworker', async (ctx) => {
    const { appId } = authenticateVerified(emu, ctx);
    const body = await readWeChatJson(ctx);
    const state = book.of(appId);
    const agent = agentOf(state.agents, body.kf_account);
    const wx = body.invite_wx;
    if (typeof wx !== 'string' || !WECHAT_ID.test(wx)) return fail(65409, 'invalid invite_wx');
    const now = emu.nowSeconds();
    const others = [...state.agents.values()].filter((a) => a !== agent);
    const pending = (a: KfAgent) => a.invite !== null && inviteStatus(a.invite, now) === 'waiting';
    if (agent.wx !== null) fail(65412, 'kf_account already bound to a wechat user');
    if (pending(agent)) fail(65411, 'kf_account already has a pending invitation');
    if (others.some((a) => a.wx === wx)) fail(65407, 'the user is already an agent of this account');
    if (others.some((a) => pending(a) && a.invite!.wx === wx)) fail(65408, 'this account already invited the user');
    if (book.boundAccountsOf(wx) >= MAX_ACCOUNTS_PER_WORKER) fail(65410, 'the user serves too many accounts');
    agent.invite = { wx, expiresAt: now + INVITE_SECONDS, status: 'waiting' };
    ctx.body = OK;
  });

  router.get('/cgi-bin/customservice/getkflist', (ctx) => {
    const { appId } = authenticateVerified(emu, ctx);
    const now = emu.nowSeconds();
    ctx.body = {
      kf_list: [...book.of(appId).agents.values()].map((a) => ({
        kf_account: a.account,
        kf_headimgurl: `http://mmbiz.qpic.cn/mmbiz/emulated-kf-${a.id}/300?wx_fmt=jpeg`,
        kf_id: String(a.id),
        kf_nick: a.nickname,
        ...(a.wx !== null ? { kf_wx: a.wx } : {}),
        ...(a.openid !== null ? { kf_openid: a.openid } : {}),
        ...(a.invite !== null ? { invite_wx: a.invite.wx, invite_expire_time: a.invite.expiresAt, invite_status: inviteStatus(a.invite, now) } : {}),
      })),
    };
  });

  router.get('/cgi-bin/customservice/getonlinekflist', (ctx) => {
    const { appId } = authenticateVerified(emu, ctx);
    const state = book.of(appId);
    const serving = (account: string) => [...state.sessions.values()].filter((s) => s.kfAccount === account).length;
    ctx.body = {
      kf_online_list: [...state.agents.values()]
        .filter((a) => a.status === 1)
        .map((a) => ({ kf_account: a.account, status: a.status, kf_id: String(a.id), accepted_case: serving(a.account) })),
    };
  });
}
