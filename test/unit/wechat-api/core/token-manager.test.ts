import { ManualClock } from '../../../../src/shared/clock';
import { TokenManager, type TokenManagerOptions } from '../../../../src/wechat-api/token-manager';
import { MemoryTokenStore } from '../../../../src/wechat-api/token-store';
import { capturingLogger, FakeTokenService, settle } from './fake-token-service';

const APP_ID = 'wx0000000000000001';
const S = 1000;

function setup(overrides: Partial<TokenManagerOptions> = {}) {
  const clock = new ManualClock();
  const wechat = new FakeTokenService();
  const store = new MemoryTokenStore(clock);
  // Sleeping moves the manual clock: polling for another instance's token takes no real time.
  const sleeps: number[] = [];
  const sleep = async (ms: number) => {
    sleeps.push(ms);
    clock.advance(ms);
    await settle();
  };
  const manager = (more: Partial<TokenManagerOptions> = {}) =>
    new TokenManager({ appId: APP_ID, store, fetchToken: wechat.fetch, clock, sleep, ...overrides, ...more });
  return { clock, wechat, store, sleeps, manager, tokens: manager() };
}

describe('TokenManager: ahead-of-expiry refresh', () => {
  it('when more than the 5-minute margin remains, then the cached token is served; inside the margin, it is refreshed', async () => {
    const { clock, wechat, tokens } = setup({ mode: 'classic' });
    expect(await tokens.getToken()).toBe('TOKEN-2');
    clock.advance(7200 * S - 300 * S - 1);
    expect(await tokens.getToken()).toBe('TOKEN-2');
    expect(wechat.calls).toHaveLength(1);
    clock.advance(2);
    expect(await tokens.getToken()).toBe('TOKEN-3');
    expect(wechat.calls).toHaveLength(2);
  });

  it('when the margin is configured, then the refresh happens that long before expiry', async () => {
    const { clock, wechat, tokens } = setup({ mode: 'classic', refreshMarginMs: 60 * S });
    await tokens.getToken();
    clock.advance(7200 * S - 61 * S);
    await tokens.getToken();
    expect(wechat.calls).toHaveLength(1);
    clock.advance(2 * S);
    await tokens.getToken();
    expect(wechat.calls).toHaveLength(2);
  });

  it('when WeChat hands out a token with only the margin left, then it is used for half its life instead of refetched on every call', async () => {
    const { clock, wechat, tokens } = setup();
    wechat.expiresInSeconds = 300;
    await tokens.getToken();
    await tokens.getToken();
    clock.advance(149 * S);
    await tokens.getToken();
    expect(wechat.calls).toHaveLength(1);
    clock.advance(2 * S);
    await tokens.getToken();
    expect(wechat.calls).toHaveLength(2);
  });

  it('when the stored token was written by another instance, then this one reads it instead of fetching', async () => {
    const { wechat, manager } = setup();
    const first = await manager().getToken();
    const second = await manager().getToken();
    expect(second).toBe(first);
    expect(wechat.calls).toHaveLength(1);
  });

  it('when a fetch fails, then the callers see the error and the next call fetches again', async () => {
    const { wechat, tokens } = setup();
    wechat.failNext = new Error('boom');
    await expect(tokens.getToken()).rejects.toThrow('boom');
    expect(await tokens.getToken()).toBe('TOKEN-1');
    expect(wechat.calls).toHaveLength(2);
  });
});

describe('TokenManager: one refresher', () => {
  it('when 10 callers in one process ask at once, then one promise serves them all: one fetch, nobody polls', async () => {
    const { wechat, tokens, sleeps } = setup();
    wechat.hold();
    const all = Promise.all(Array.from({ length: 10 }, () => tokens.getToken()));
    await settle();
    wechat.release();
    expect(new Set(await all)).toEqual(new Set(['TOKEN-1']));
    expect(wechat.calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('when another instance holds the refresh lock, then this one waits for its token instead of fetching', async () => {
    const { wechat, manager, clock } = setup({ pollIntervalMs: 100 });
    const a = manager();
    const b = manager();
    wechat.hold();
    const fromA = a.getToken();
    await settle();
    expect(wechat.calls).toHaveLength(1); // A holds the lock and is fetching
    const before = clock.now().getTime();
    let bResolved = false;
    const fromB = b.getToken().then((t) => ((bResolved = true), t));
    for (let i = 0; i < 5; i++) await settle();
    expect(bResolved).toBe(false); // B is polling, not fetching
    expect(clock.now().getTime()).toBeGreaterThan(before); // its sleeps moved the clock
    wechat.release();
    expect(await fromB).toBe(await fromA);
    expect(wechat.calls).toHaveLength(1);
  });

  it('when the lock holder died, then a waiter takes over once the lock expires', async () => {
    const { wechat, store, manager, clock } = setup({ lockTtlMs: 30 * S, pollIntervalMs: 500 });
    const start = clock.now().getTime();
    await store.acquireLock(`${APP_ID}:stable`, 30 * S); // a crashed process's lock, never released
    expect(await manager().getToken()).toBe('TOKEN-1');
    expect(wechat.calls).toHaveLength(1);
    expect(clock.now().getTime() - start).toBeGreaterThanOrEqual(30 * S);
  });

  it('when the lock is held longer than the wait limit, then the caller gets a 503 AppError instead of hanging', async () => {
    const { wechat, store, manager } = setup({ lockTtlMs: 30 * S, maxWaitMs: 2 * S });
    await store.acquireLock(`${APP_ID}:stable`, 30 * S);
    await expect(manager().getToken()).rejects.toMatchObject({ code: 'wechat_token_unavailable', status: 503 });
    expect(wechat.calls).toHaveLength(0);
  });
});

describe('TokenManager: invalidate', () => {
  it('when WeChat already rotated the stable token, then invalidate gets the new one in normal mode without force_refresh', async () => {
    const { wechat, tokens } = setup();
    const stale = await tokens.getToken();
    wechat.rotate(); // someone force-refreshed elsewhere
    expect(await tokens.invalidate(stale)).toBe('TOKEN-2');
    expect(wechat.calls).toEqual([{ mode: 'stable', forceRefresh: false }, { mode: 'stable', forceRefresh: false }]);
    expect(await tokens.getToken()).toBe('TOKEN-2');
  });

  it('when normal mode returns the rejected token again, then one force_refresh replaces it', async () => {
    const { wechat, tokens } = setup();
    const stale = await tokens.getToken();
    expect(await tokens.invalidate(stale)).toBe('TOKEN-2');
    expect(wechat.calls.map((c) => c.forceRefresh)).toEqual([false, false, true]);
  });

  it('when 20 callers report the same stale token at once, then there is one refresh and nobody polls', async () => {
    const { wechat, tokens, sleeps } = setup();
    const stale = await tokens.getToken();
    wechat.hold();
    const fresh = Promise.all(Array.from({ length: 20 }, () => tokens.invalidate(stale)));
    await settle();
    wechat.release();
    expect(new Set(await fresh)).toEqual(new Set(['TOKEN-2']));
    expect(wechat.calls.map((c) => c.forceRefresh)).toEqual([false, false, true]);
    expect(sleeps).toEqual([]);
  });

  it('when another instance already stored a newer token, then invalidate uses it without calling WeChat', async () => {
    const { wechat, manager } = setup({ mode: 'classic' });
    const a = manager();
    const b = manager();
    const stale = await a.getToken();
    const newer = await b.invalidate(stale);
    expect(await a.invalidate(stale)).toBe(newer);
    expect(wechat.calls).toHaveLength(2);
  });

  it('when the mode is classic, then invalidate calls /cgi-bin/token once', async () => {
    const { wechat, tokens } = setup({ mode: 'classic' });
    const stale = await tokens.getToken();
    expect(await tokens.invalidate(stale)).not.toBe(stale);
    expect(wechat.calls).toEqual([{ mode: 'classic', forceRefresh: false }, { mode: 'classic', forceRefresh: false }]);
  });

  it('when a force_refresh happened less than 30 s ago, then no other is spent and the stale token comes back', async () => {
    const { clock, wechat, tokens } = setup();
    await tokens.invalidate(await tokens.getToken()); // force #1
    clock.advance(10 * S);
    const stale = await tokens.getToken();
    expect(await tokens.invalidate(stale)).toBe(stale);
    expect(wechat.forced).toBe(1);
    clock.advance(21 * S);
    expect(await tokens.invalidate(stale)).not.toBe(stale);
    expect(wechat.forced).toBe(2);
  });

  it('when 20 force_refreshes were spent in the last 24 h, then the 21st is refused until the oldest ages out', async () => {
    const { clock, wechat, tokens } = setup();
    const start = clock.now().getTime();
    for (let i = 0; i < 20; i++) {
      await tokens.invalidate(await tokens.getToken());
      clock.advance(31 * S);
    }
    expect(wechat.forced).toBe(20);
    const stale = await tokens.getToken();
    expect(await tokens.invalidate(stale)).toBe(stale);
    expect(wechat.forced).toBe(20);
    clock.set(start + 86_400 * S + 1);
    expect(await tokens.invalidate(await tokens.getToken())).not.toBe(stale);
    expect(wechat.forced).toBe(21);
  });

  it('when force_refresh is tracked, then two instances sharing the store share the budget', async () => {
    const { clock, wechat, manager } = setup();
    const a = manager();
    const b = manager();
    await a.invalidate(await a.getToken()); // force #1 by A
    clock.advance(5 * S);
    const stale = await b.getToken();
    expect(await b.invalidate(stale)).toBe(stale); // B may not force within 30 s of A's
    expect(wechat.forced).toBe(1);
  });
});

describe('TokenManager: secrecy', () => {
  it('when tokens are fetched and invalidated, then no log line contains a token', async () => {
    const { logger, lines } = capturingLogger();
    const { clock, wechat, tokens } = setup({ logger });
    const first = await tokens.invalidate(await tokens.getToken());
    clock.advance(5 * S);
    await tokens.invalidate(first); // refused (30 s): logs a warning
    expect(lines.length).toBeGreaterThan(1);
    const all = lines.join('\n');
    for (const t of ['TOKEN-1', 'TOKEN-2']) expect(all).not.toContain(t);
    expect(wechat.forced).toBe(1);
  });
});
