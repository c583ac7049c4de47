import Redis from 'ioredis';
import { RedisDedupStore } from '../../../../src/store/redis/dedup';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('RedisDedupStore (real Redis)', () => {
  let redis: Redis;
  const prefix = `wxoa:test:${process.pid}:${Date.now()}:`;
  beforeAll(() => {
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it('when two stores claim the same key, then only the first wins', async () => {
    const a = new RedisDedupStore(redis, prefix);
    const b = new RedisDedupStore(redis, prefix);
    expect(await a.claim('k1', 30)).toBe(true);
    expect(await b.claim('k1', 30)).toBe(false);
  });

  it('when the first completes, then others read exactly its body, even one that looks like the marker', async () => {
    const store = new RedisDedupStore(redis, prefix);
    await store.claim('k2', 30);
    expect(await store.result('k2')).toBeNull();
    await store.complete('k2', 'pending', 30);
    expect(await store.result('k2')).toBe('pending');
  });

  it('when a key is claimed, then it expires after its TTL', async () => {
    const store = new RedisDedupStore(redis, prefix);
    await store.claim('k3', 30);
    const ttl = await redis.ttl(`${prefix}k3`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(30);
  });
});
