import { WeChatApiError, WeChatTransportError } from '../../../../src/wechat-api/errors';
import { apiClientFor } from '../../../helpers/api-client';
import { caught } from '../../../helpers/accounts';
import { MiniWeChat } from './mini-wechat';

const APP_ID = 'wx0000000000000001';
const SECRET = 'sekret-0123456789abcdef01234567';
const PATH = '/cgi-bin/user/info';

describe('WeChat API client: stale tokens', () => {
  let wechat: MiniWeChat;
  beforeEach(async () => {
    wechat = await new MiniWeChat().start();
  });
  afterEach(() => wechat.stop());

  it('when the token went stale, then the client refreshes once, retries once and the caller sees success', async () => {
    const client = apiClientFor(wechat.url, APP_ID, SECRET);
    await client.get(PATH);
    wechat.rotate(); // someone force-refreshed: TK-1 is dead, stable_token now answers TK-2
    expect(await client.get(PATH)).toMatchObject({ errcode: 0 });
    expect(wechat.calls(PATH).map((c) => c.query.get('access_token'))).toEqual(['TK-1', 'TK-1', 'TK-2']);
    expect(wechat.calls('/cgi-bin/stable_token')).toHaveLength(2);
  });

  for (const errcode of [40014, 42001]) {
    it(`when WeChat answers ${errcode}, then it is treated as a stale token too`, async () => {
      wechat.script(PATH, { json: { errcode, errmsg: 'stale' } });
      const client = apiClientFor(wechat.url, APP_ID, SECRET);
      expect(await client.get(PATH)).toMatchObject({ errcode: 0 });
      expect(wechat.calls(PATH)).toHaveLength(2);
    });
  }

  it('when the fresh token is rejected as well, then the error reaches the caller after one retry, not a loop', async () => {
    wechat.script(PATH, ...Array.from({ length: 5 }, () => ({ json: { errcode: 40001, errmsg: 'invalid credential' } })));
    const err = await caught(apiClientFor(wechat.url, APP_ID, SECRET).get(PATH));
    expect(err).toMatchObject({ errcode: 40001, name: 'invalid_credential' });
    expect(wechat.calls(PATH)).toHaveLength(2);
  });

  it('when 20 concurrent calls all meet a stale token, then there is one refresh and all succeed', async () => {
    const client = apiClientFor(wechat.url, APP_ID, SECRET);
    await client.get(PATH);
    wechat.rotate();
    const before = wechat.calls('/cgi-bin/stable_token').length;
    const results = await Promise.all(Array.from({ length: 20 }, () => client.get(PATH)));
    expect(results.every((r) => (r as { errcode: number }).errcode === 0)).toBe(true);
    expect(wechat.calls('/cgi-bin/stable_token').length - before).toBe(1);
  });

  it('when normal stable_token gives back the rejected token, then force_refresh is used once', async () => {
    wechat.script(PATH, { json: { errcode: 40001, errmsg: 'invalid credential' } });
    const client = apiClientFor(wechat.url, APP_ID, SECRET);
    expect(await client.get(PATH)).toMatchObject({ errcode: 0 });
    const tokenBodies = wechat.calls('/cgi-bin/stable_token').map((c) => JSON.parse(c.body.toString()).force_refresh);
    expect(tokenBodies).toEqual([false, false, true]);
  });
});

describe('WeChat API client: transient failures', () => {
  let wechat: MiniWeChat;
  beforeEach(async () => {
    wechat = await new MiniWeChat().start();
  });
  afterEach(() => wechat.stop());
  const client = (opts = {}) => apiClientFor(wechat.url, APP_ID, SECRET, opts);

  const transient = [
    ['errcode -1', { json: { errcode: -1, errmsg: 'system error' } }],
    ['errcode 45011', { json: { errcode: 45011, errmsg: 'api minute-quota reach limit' } }],
    ['HTTP 502', { status: 502 }],
    ['a dropped connection', { drop: true as const }],
  ] as const;
  for (const [what, answer] of transient) {
    it(`when WeChat fails with ${what} twice, then the call is retried and succeeds`, async () => {
      wechat.script(PATH, answer, answer);
      expect(await client().get(PATH)).toMatchObject({ errcode: 0 });
      expect(wechat.calls(PATH)).toHaveLength(3);
    });
  }

  it('when WeChat does not answer within the timeout, then the call is retried', async () => {
    wechat.script(PATH, { delayMs: 500 });
    expect(await client({ timeoutMs: 100 }).get(PATH)).toMatchObject({ errcode: 0 });
    expect(wechat.calls(PATH)).toHaveLength(2);
  });

  it('when the failure is permanent (48001), then the call is made exactly once', async () => {
    wechat.script(PATH, { json: { errcode: 48001, errmsg: 'api unauthorized' } });
    const err = await caught(client().get(PATH));
    expect(err).toMatchObject({ errcode: 48001, name: 'api_unauthorized' });
    expect(wechat.calls(PATH)).toHaveLength(1);
  });

  it('when the answer is HTTP 404, then it is not retried', async () => {
    wechat.script(PATH, { status: 404 });
    expect(await caught(client().get(PATH))).toMatchObject({ failure: 'http_status', httpStatus: 404 });
    expect(wechat.calls(PATH)).toHaveLength(1);
  });

  it('when every attempt fails transiently, then the last failure is thrown after 1 + retries attempts, with backoff between', async () => {
    const busy = { json: { errcode: -1, errmsg: 'system error' } };
    wechat.script(PATH, busy, busy, busy, busy, busy);
    const sleeps: number[] = [];
    const err = await caught(client({ retry: { retries: 2, baseMs: 100, capMs: 1000, random: () => 0.5, sleep: async (ms: number) => void sleeps.push(ms) } }).get(PATH));
    expect(err).toBeInstanceOf(WeChatApiError);
    expect(err).toMatchObject({ errcode: -1 });
    expect(wechat.calls(PATH)).toHaveLength(3);
    expect(sleeps).toEqual([50, 100]);
  });

  it('when the token endpoint is down for a moment, then the call still succeeds', async () => {
    wechat.script('/cgi-bin/stable_token', { drop: true }, { json: { errcode: -1, errmsg: 'system error' } });
    expect(await client().get(PATH)).toMatchObject({ errcode: 0 });
    expect(wechat.calls('/cgi-bin/stable_token')).toHaveLength(3);
  });

  it('when the connection is refused, then the caller gets a network WeChatTransportError naming the path', async () => {
    const url = wechat.url;
    await wechat.stop();
    const err = await caught(apiClientFor(url, APP_ID, SECRET, { retry: { retries: 1 } }).get(PATH));
    expect(err).toBeInstanceOf(WeChatTransportError);
    expect(err).toMatchObject({ failure: 'network', endpoint: '/cgi-bin/stable_token', code: 'wechat_unreachable' });
    wechat = await new MiniWeChat().start(); // for afterEach
  });
});
