import Router from '@koa/router';
import Koa from 'koa';
import request from 'supertest';
import { EmulatorError, type EmulatorAccount, type EmulatorContext, type FanActivity, type Follower } from '../../../../src/emulator/core/contract';
import { registerAudience } from '../../../../src/emulator/groups/audience';
import { ManualClock } from '../../../../src/shared/clock';

/** WeChat's JSON as the tests read it: loosely, since the assertions check its shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type WeChatJson = Record<string, any>;

export const APP_ID = 'wxaudience0000001';
export const OTHER_APP_ID = 'wxaudience0000002';
export const tokenFor = (appId: string) => `token-${appId}`;

const account = (appId: string): EmulatorAccount => ({
  appId, secret: 's', type: 'service', verified: true, originalId: 'gh_x', wechatId: 'x', token: 't',
  encodingAESKey: null, mode: 'plaintext', webhookUrl: 'http://127.0.0.1:1/wechat',
});

/**
 * A small EmulatorContext: accounts, a token check, followers with activity listeners and a
 * manual clock — just what the audience routes use — and registerAudience mounted on a bare Koa
 * app that renders EmulatorError as WeChat does.
 */
export function audienceEmulator(start: number = Date.UTC(2026, 2, 10, 4, 0, 0)) {
  const clock = new ManualClock(start);
  const nowSeconds = () => Math.floor(clock.now().getTime() / 1000);
  const accounts = [account(APP_ID), account(OTHER_APP_ID)];
  const books = new Map<string, Map<string, Follower>>();
  const listeners: ((appId: string, openid: string, a: FanActivity) => void)[] = [];
  const emu: EmulatorContext = {
    clock,
    nowSeconds,
    accounts: () => accounts,
    onAccountRemoved() {},
    account: (appId) => accounts.find((a) => a.appId === appId),
    authenticate(ctx) {
      const token = ctx.query.access_token;
      if (!token) throw new EmulatorError(41001, 'access_token missing');
      const found = accounts.find((a) => tokenFor(a.appId) === token);
      if (!found) throw new EmulatorError(40001, 'invalid credential');
      return found;
    },
    followers(appId) {
      if (!books.has(appId)) books.set(appId, new Map());
      return books.get(appId)!;
    },
    follow(appId, openid, options = {}) {
      const at = options.at ?? nowSeconds();
      const old = emu.followers(appId).get(openid);
      const follower: Follower = {
        ...(old ?? { openid, nickname: '', remark: '', tagIds: [], language: 'zh_CN', blacklisted: false }),
        subscribed: true, subscribeTime: at, unsubscribeTime: null,
        subscribeScene: options.scene ?? 'ADD_SCENE_SEARCH', qrScene: options.qrScene ?? 0, qrSceneStr: options.qrSceneStr ?? '',
      };
      emu.followers(appId).set(openid, follower);
      emu.recordActivity(appId, openid, { kind: 'subscribe', at, sceneKey: options.qrScene ? String(options.qrScene) : null });
      return follower;
    },
    unfollow(appId, openid) {
      const f = emu.followers(appId).get(openid);
      if (!f || !f.subscribed) return;
      f.subscribed = false;
      f.unsubscribeTime = nowSeconds();
      emu.recordActivity(appId, openid, { kind: 'unsubscribe', at: f.unsubscribeTime });
    },
    onActivity: (listener) => void listeners.push(listener),
    recordActivity: (appId, openid, activity) => listeners.forEach((l) => l(appId, openid, activity)),
    deliver: () => {},
    inbox: () => [],
    pushEvent: async () => {},
  };

  const app = new Koa();
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      if (!(err instanceof EmulatorError)) throw err;
      ctx.body = { errcode: err.errcode, errmsg: err.errmsg };
    }
  });
  const router = new Router();
  registerAudience(router, emu);
  app.use(router.routes());
  const agent = request(app.callback());

  /** Seeds `n` followers 'o000000', 'o000001' … following `at` (default: now). */
  const seed = (n: number, options: { appId?: string; at?: number; prefix?: string } = {}) =>
    Array.from({ length: n }, (_, i) => emu.follow(options.appId ?? APP_ID, `${options.prefix ?? 'o'}${String(i).padStart(6, '0')}`, { at: options.at }).openid);

  return {
    emu,
    clock,
    seed,
    get: async (path: string, query: Record<string, string> = {}, appId = APP_ID) =>
      (await agent.get(path).query({ access_token: tokenFor(appId), ...query }).expect(200)).body as WeChatJson,
    post: async (path: string, body: unknown, appId = APP_ID) =>
      (await agent.post(path).query({ access_token: tokenFor(appId) }).set('content-type', 'application/json').send(JSON.stringify(body)).expect(200)).body as WeChatJson,
    raw: agent,
  };
}
