import Router from '@koa/router';
import Koa from 'koa';
import request from 'supertest';
import { EmulatorError, type EmulatorAccount, type EmulatorContext, type FanActivity, type Follower, type InboxItem, type RegisterGroup } from '../../../../src/emulator/core/contract';
import { ManualClock } from '../../../../src/shared/clock';

/** 2026-01-01 11:00 Beijing (03:00 UTC). */
export const START_MS = Date.UTC(2026, 0, 1, 3, 0, 0);

export interface PushedEvent {
  appId: string;
  fromUserName: string;
  fields: Record<string, unknown>;
}

export interface FakeEmulator extends EmulatorContext {
  clock: ManualClock;
  events: PushedEvent[];
  addAccount(patch: Partial<EmulatorAccount> & { appId: string }): EmulatorAccount;
  addFollower(appId: string, openid: string, patch?: Partial<Follower>): Follower;
}

/**
 * A small EmulatorContext for the publishing groups' unit tests: the access_token is the appId,
 * followers are whatever the test adds, pushes are recorded instead of posted.
 */
export function fakeEmulator(): FakeEmulator {
  const clock = new ManualClock(START_MS);
  const accounts = new Map<string, EmulatorAccount>();
  const followers = new Map<string, Map<string, Follower>>();
  const inboxes = new Map<string, InboxItem[]>();
  const events: PushedEvent[] = [];
  const nowSeconds = () => Math.floor(clock.now().getTime() / 1000);
  const fans = (appId: string) => {
    if (!followers.has(appId)) followers.set(appId, new Map());
    return followers.get(appId)!;
  };
  const emu: FakeEmulator = {
    clock,
    events,
    nowSeconds,
    accounts: () => [...accounts.values()],
    onAccountRemoved() {},
    account: (appId) => accounts.get(appId),
    authenticate(ctx) {
      const token = ctx.query.access_token;
      if (token === undefined) throw new EmulatorError(41001, 'access_token missing');
      const account = typeof token === 'string' ? accounts.get(token) : undefined;
      if (!account) throw new EmulatorError(40001, 'invalid credential');
      return account;
    },
    followers: fans,
    follow: (appId, openid) => emu.addFollower(appId, openid),
    unfollow(appId, openid) {
      const f = fans(appId).get(openid);
      if (f) f.subscribed = false;
    },
    onActivity: (_listener: (appId: string, openid: string, activity: FanActivity) => void) => {},
    recordActivity: () => {},
    deliver(appId, openid, item) {
      const key = `${appId}/${openid}`;
      inboxes.set(key, [...(inboxes.get(key) ?? []), { at: item.at ?? nowSeconds(), ...item }]);
    },
    inbox: (appId, openid) => inboxes.get(`${appId}/${openid}`) ?? [],
    async pushEvent(appId, fromUserName, fields) {
      events.push({ appId, fromUserName, fields });
    },
    addAccount(patch) {
      const account: EmulatorAccount = {
        secret: 's',
        type: 'service',
        verified: true,
        originalId: 'gh_test',
        wechatId: 'test_oa',
        token: 't',
        encodingAESKey: null,
        mode: 'plaintext',
        webhookUrl: null,
        ...patch,
      };
      accounts.set(account.appId, account);
      return account;
    },
    addFollower(appId, openid, patch = {}) {
      const follower: Follower = {
        openid,
        nickname: '',
        subscribed: true,
        subscribeTime: nowSeconds(),
        unsubscribeTime: null,
        subscribeScene: 'ADD_SCENE_SEARCH',
        qrScene: 0,
        qrSceneStr: '',
        remark: '',
        tagIds: [],
        language: 'zh_CN',
        blacklisted: false,
        ...patch,
      };
      fans(appId).set(openid, follower);
      return follower;
    },
  };
  return emu;
}

/** A bare Koa app with one group mounted, rendering EmulatorError as WeChat's JSON (what the core does). */
export function mount(register: RegisterGroup, emu: EmulatorContext) {
  const router = new Router();
  register(router, emu);
  const app = new Koa();
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      if (!(err instanceof EmulatorError)) throw err;
      ctx.status = 200;
      ctx.body = { errcode: err.errcode, errmsg: err.errmsg, ...err.extra };
    }
  });
  app.use(router.routes());
  return app.callback();
}

/** Harness: an app with the publishing groups, one verified service account `wxservice` and helpers. */
export function publishingHarness(register: RegisterGroup) {
  const emu = fakeEmulator();
  emu.addAccount({ appId: 'wxservice' });
  const server = mount(register, emu);
  const api = request(server);
  return {
    emu,
    api,
    server,
    /** POST JSON as the given account; answers the parsed body (big integers kept as text in `raw`). */
    async post(path: string, body: unknown, appId = 'wxservice'): Promise<{ body: Record<string, unknown>; raw: string }> {
      const res = await api.post(`${path}?access_token=${appId}`).set('content-type', 'application/json').send(JSON.stringify(body));
      return { body: res.body as Record<string, unknown>, raw: res.text };
    },
    get(path: string, query: Record<string, string> = {}, appId = 'wxservice'): request.Test {
      return api.get(path).query({ access_token: appId, ...query });
    },
    async upload(path: string, query: Record<string, string>, file: { filename: string; data: Buffer; field?: string }, fields: Record<string, string> = {}, appId = 'wxservice') {
      let req = api.post(path).query({ access_token: appId, ...query });
      for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
      const res = await req.attach(file.field ?? 'media', file.data, file.filename);
      return res.body as Record<string, unknown>;
    },
  };
}

/** Lets setImmediate jobs (mass delivery, publish completion, template callbacks) run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** msg_id as written on the wire (a bare integer beyond 2^53), read from the raw body. */
export function rawId(raw: string, field: string): string {
  const match = new RegExp(`"${field}":\\s*"?(\\d+)"?`).exec(raw);
  if (!match) throw new Error(`no ${field} in ${raw}`);
  return match[1]!;
}

export type Harness = ReturnType<typeof publishingHarness>;

export const JPEG_BYTES = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);

/** A permanent image to use as thumb_media_id. */
export async function addThumb(h: Harness, appId = 'wxservice'): Promise<string> {
  const body = await h.upload('/cgi-bin/material/add_material', { type: 'image' }, { filename: 'cover.jpg', data: JPEG_BYTES }, {}, appId);
  return body.media_id as string;
}

/** A draft of `count` valid news articles; answers its media_id. */
export async function addDraft(h: Harness, count = 1, appId = 'wxservice'): Promise<string> {
  const thumb = await addThumb(h, appId);
  const articles = Array.from({ length: count }, (_, i) => ({ title: `Title ${i + 1}`, content: `<p>Body ${i + 1}</p>`, thumb_media_id: thumb }));
  const { body } = await h.post('/cgi-bin/draft/add', { articles }, appId);
  if (typeof body.media_id !== 'string') throw new Error(`draft/add failed: ${JSON.stringify(body)}`);
  return body.media_id;
}

/** The raw bytes of a response, whatever its content type. */
export async function bytesOf(test: request.Test): Promise<{ res: request.Response; data: Buffer }> {
  const res = await test.buffer(true).parse((stream, done) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => done(null, Buffer.concat(chunks)));
  });
  return { res, data: res.body as Buffer };
}
