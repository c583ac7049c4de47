import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { createSecretBox } from '../../../../src/modules/accounts';
import { ManualClock } from '../../../../src/shared/clock';
import { RedisTokenStore } from '../../../../src/store/redis/token-store';
import { MemoryTokenStore, type TokenStore } from '../../../../src/wechat-api/token-store';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const RULES = { max: 2, windowMs: 60_000, minSpacingMs: 1_000 };

interface Harness {
  store: TokenStore;
  /** Lets `ms` pass for TTLs: the manual clock for memory, real time for Redis. */
  pass(ms: number): Promise<void>;
}

/** One contract, run on every adapter: what the token manager relies on. */
function contract(name: string, make: () => Promise<Harness>) {
  describe(`TokenStore contract: ${name}`, () => {
    let h: Harness;
    beforeEach(async () => {
      h = await make();
    });

    it('when a token is set, then get returns it until its TTL passes, and delete removes it', async () => {
      const value = { token: 'tok-a', expiresAt: 1_000, refreshAt: 900 };
      await h.store.set('app:stable', value, 200);
      expect(await h.store.get('app:stable')).toEqual(value);
      expect(await h.store.get('other:stable')).toBeNull();
      await h.store.delete('app:stable');
      expect(await h.store.get('app:stable')).toBeNull();
      await h.store.set('app:stable', value, 40);
      await h.pass(80);
      expect(await h.store.get('app:stable')).toBeNull();
    });

    it('when the lock is held, then nobody else acquires it until it is released by its holder', async () => {
      const id = await h.store.acquireLock('app:stable', 5_000);
      expect(id).toEqual(expect.any(String));
      expect(await h.store.acquireLock('app:stable', 5_000)).toBeNull();
      await h.store.releaseLock('app:stable', 'not-the-holder');
      expect(await h.store.acquireLock('app:stable', 5_000)).toBeNull();
      await h.store.releaseLock('app:stable', id!);
      expect(await h.store.acquireLock('app:stable', 5_000)).toEqual(expect.any(String));
    });

    it('when the holder never releases, then the lock lapses after its TTL and a lapsed holder cannot free its successor', async () => {
      const first = await h.store.acquireLock('app:stable', 40);
      await h.pass(80);
      const second = await h.store.acquireLock('app:stable', 5_000);
      expect(second).not.toBeNull();
      await h.store.releaseLock('app:stable', first!);
      expect(await h.store.acquireLock('app:stable', 5_000)).toBeNull();
    });

    it('when force refreshes are claimed, then spacing and the window maximum are enforced', async () => {
      expect(await h.store.claimForceRefresh('app:stable', 10_000, RULES)).toBe(true);
      expect(await h.store.claimForceRefresh('app:stable', 10_500, RULES)).toBe(false); // < 1 s apart
      expect(await h.store.claimForceRefresh('app:stable', 11_000, RULES)).toBe(true);
      expect(await h.store.claimForceRefresh('app:stable', 20_000, RULES)).toBe(false); // 2 in the window
      expect(await h.store.claimForceRefresh('other:stable', 20_000, RULES)).toBe(true); // per key
      expect(await h.store.claimForceRefresh('app:stable', 70_001, RULES)).toBe(true); // the first aged out
    });
  });
}

contract('MemoryTokenStore', async () => {
  const clock = new ManualClock();
  return { store: new MemoryTokenStore(clock), pass: async (ms) => clock.advance(ms) };
});

describe('Redis', () => {
  let redis: Redis;
  const prefixes: string[] = [];
  /** A key space of this run's own, removed afterwards. */
  const freshPrefix = () => {
    const prefix = `wxoa:test:${randomUUID()}:`;
    prefixes.push(prefix);
    return prefix;
  };
  beforeAll(() => {
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    for (const prefix of prefixes) {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
    }
    await redis.quit();
  });

  contract('RedisTokenStore', async () => ({
    store: new RedisTokenStore(redis, { prefix: freshPrefix() }),
    pass: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  }));

  it('when tokens, locks and ledgers are written, then every key carries the prefix', async () => {
    const prefix = freshPrefix();
    const store = new RedisTokenStore(redis, { prefix });
    await store.set('wx1:stable', { token: 't', expiresAt: 1 }, 5_000);
    await store.acquireLock('wx1:stable', 5_000);
    await store.claimForceRefresh('wx1:stable', 1, RULES);
    expect((await redis.keys(`${prefix}*`)).sort()).toEqual([`${prefix}wx1:stable`, `${prefix}wx1:stable:force`, `${prefix}wx1:stable:lock`]);
    expect(new RedisTokenStore(redis)['prefix']).toBe('wxoa:token:');
  });

  it('when a secret box is given, then Redis holds only the sealed token and get opens it', async () => {
    const prefix = freshPrefix();
    const store = new RedisTokenStore(redis, { prefix, box: createSecretBox(Buffer.alloc(32, 9)) });
    await store.set('wx1:stable', { token: 'plain-access-token', expiresAt: 5 }, 5_000);
    expect(await redis.get(`${prefix}wx1:stable`)).not.toContain('plain-access-token');
    expect(await store.get('wx1:stable')).toEqual({ token: 'plain-access-token', expiresAt: 5 });
    const otherKey = new RedisTokenStore(redis, { prefix, box: createSecretBox(Buffer.alloc(32, 1)) });
    expect(await otherKey.get('wx1:stable')).toBeNull(); // unreadable counts as absent: the refresher overwrites it
  });
});
