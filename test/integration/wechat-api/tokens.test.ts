import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { ManualClock } from '../../../src/shared/clock';
import { RedisTokenStore } from '../../../src/store/redis/token-store';
import type { WeChatApiClient } from '../../../src/wechat-api/client';
import { apiClientFor } from '../../helpers/api-client';
import { caught } from '../../helpers/accounts';
import { startEmulator, type StartedEmulator } from '../../helpers/emulator';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Any authenticated endpoint will do; this one has no side effects. */
const PATH = '/cgi-bin/getcallbackip';

interface Stats {
  tokenCalls: number;
  stableTokenCalls: number;
  forceRefreshes: number;
}

describe('access_token against the emulator, shared through Redis', () => {
  let emulator: StartedEmulator;
  const connections: Redis[] = [];
  let prefix: string;

  beforeEach(() => {
    prefix = `wxoa:test:${randomUUID()}:`; // one key space per test: no test sees another's token
  });
  afterEach(async () => {
    await emulator?.close();
    const cleaner = connections[0];
    if (cleaner) {
      const keys = await cleaner.keys(`${prefix}*`);
      if (keys.length > 0) await cleaner.del(...keys);
    }
    await Promise.all(connections.splice(0).map((c) => c.quit()));
  });

  /** A client as a separate process would build it: its own Redis connection, the shared key space. */
  function instance(options: Parameters<typeof apiClientFor>[3] = {}): WeChatApiClient {
    const redis = new Redis(REDIS_URL);
    connections.push(redis);
    const { appId, secret } = emulator.account;
    return apiClientFor(emulator.url, appId, secret, { tokenStore: new RedisTokenStore(redis, { prefix }), ...options });
  }

  async function control<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${emulator.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }
  const stats = () => control<Stats>('GET', `/__emulator/accounts/${emulator.account.appId}/stats`);
  const fault = (f: Record<string, unknown>) => control('POST', '/__emulator/faults', { path: PATH, ...f });
  const faultsLeft = async () => (await control<{ faults: Array<{ count: number }> }>('GET', '/__emulator/faults')).faults;

  it('when 8 callers in 2 instances start cold at once, then WeChat sees exactly one token fetch', async () => {
    emulator = await startEmulator();
    const [a, b] = [instance(), instance()];
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? a : b).get<{ ip_list: string[] }>(PATH)));
    expect(results.every((r) => Array.isArray(r.ip_list))).toBe(true);
    const s = await stats();
    expect(s.tokenCalls + s.stableTokenCalls).toBe(1);
    expect(await a.tokens.getToken()).toBe(await b.tokens.getToken());
  });

  it('when the classic mode is used by 2 instances, then there is also one fetch', async () => {
    emulator = await startEmulator();
    const [a, b] = [instance({ tokenMode: 'classic' }), instance({ tokenMode: 'classic' })];
    await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? a : b).get(PATH)));
    expect(await stats()).toMatchObject({ tokenCalls: 1, stableTokenCalls: 0 });
  });

  it('when the cached token was invalidated by a force_refresh elsewhere, then one refresh and one retry, and the caller sees success', async () => {
    emulator = await startEmulator();
    const client = instance();
    await client.get(PATH);
    const { appId, secret } = emulator.account;
    await control('POST', '/cgi-bin/stable_token', { grant_type: 'client_credential', appid: appId, secret, force_refresh: true });
    const before = await stats();

    const result = await client.get<{ ip_list: string[] }>(PATH);

    expect(result.ip_list.length).toBeGreaterThan(0);
    const after = await stats();
    expect(after.stableTokenCalls - before.stableTokenCalls).toBe(1); // normal mode handed out the new token
    expect(after.forceRefreshes).toBe(before.forceRefreshes); // no force_refresh of our own
  });

  it('when the token expired at WeChat before our clock said so, then 42001 leads to one refresh and the call succeeds', async () => {
    const clock = new ManualClock();
    emulator = await startEmulator({ clock });
    const client = instance();
    await client.get(PATH);
    clock.advance(7201 * 1000);
    const before = await stats();
    await expect(client.get(PATH)).resolves.toMatchObject({ ip_list: expect.any(Array) });
    expect((await stats()).stableTokenCalls - before.stableTokenCalls).toBe(1);
  });

  it('when 20 concurrent calls in 2 instances meet 40001, then there is one refresh and every call succeeds', async () => {
    emulator = await startEmulator();
    const [a, b] = [instance(), instance()];
    await Promise.all([a.get(PATH), b.get(PATH)]);
    const before = await stats();
    // The latency holds each 40001 answer until all 20 calls have arrived, so no retry can meet a leftover fault.
    await fault({ count: 20, errcode: 40001, latencyMs: 200 });

    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).get<{ ip_list: string[] }>(PATH)));

    expect(results.every((r) => Array.isArray(r.ip_list))).toBe(true);
    expect(await faultsLeft()).toEqual([]);
    const after = await stats();
    // One refresh: normal stable_token returned the same (rejected) token, so one force_refresh replaced it.
    expect(after.forceRefreshes - before.forceRefreshes).toBe(1);
    expect(after.stableTokenCalls - before.stableTokenCalls).toBe(2);
  });

  it('when 20 concurrent calls in 2 instances hold a token revoked elsewhere, then one normal-mode refresh serves them all', async () => {
    emulator = await startEmulator();
    const [a, b] = [instance(), instance()];
    await Promise.all([a.get(PATH), b.get(PATH)]);
    const { appId, secret } = emulator.account;
    await control('POST', '/cgi-bin/stable_token', { grant_type: 'client_credential', appid: appId, secret, force_refresh: true });
    const before = await stats();

    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).get(PATH)));

    const after = await stats();
    expect(after.stableTokenCalls - before.stableTokenCalls).toBe(1);
    expect(after.forceRefreshes).toBe(before.forceRefreshes);
  });

  it('when WeChat answers -1 twice, then the call is retried and succeeds', async () => {
    emulator = await startEmulator();
    const client = instance();
    await fault({ count: 2, errcode: -1 });
    await expect(client.get(PATH)).resolves.toMatchObject({ ip_list: expect.any(Array) });
    expect(await faultsLeft()).toEqual([]);
  });

  it('when the connection drops once, then the call is retried and succeeds', async () => {
    emulator = await startEmulator();
    const client = instance();
    await fault({ count: 1, drop: true });
    await expect(client.get(PATH)).resolves.toMatchObject({ ip_list: expect.any(Array) });
    expect(await faultsLeft()).toEqual([]);
  });

  it('when WeChat answers the permanent 48001, then the call is made once and the error reaches the caller', async () => {
    emulator = await startEmulator();
    const client = instance();
    await fault({ count: 3, errcode: 48001, errmsg: 'api unauthorized' });
    const err = await caught(client.get(PATH));
    expect(err).toMatchObject({ errcode: 48001, name: 'api_unauthorized', endpoint: PATH, status: 502 });
    expect((await faultsLeft()).map((f) => f.count)).toEqual([2]);
  });

  it('when the AppSecret is wrong, then the token endpoint refusal reaches the caller, naming what to check but not the secret', async () => {
    emulator = await startEmulator();
    const redis = new Redis(REDIS_URL);
    connections.push(redis);
    const client = apiClientFor(emulator.url, emulator.account.appId, 'wrong-secret', { tokenStore: new RedisTokenStore(redis, { prefix }) });
    const err = await caught(client.get(PATH));
    expect(err).toMatchObject({ errcode: 40125, endpoint: '/cgi-bin/stable_token' });
    expect(err.message).toContain('AppSecret');
    expect(JSON.stringify({ m: err.message, d: err.details })).not.toContain('wrong-secret');
    expect(await redis.keys(`${prefix}*`)).toEqual([]); // nothing cached, the lock released
  });
});
