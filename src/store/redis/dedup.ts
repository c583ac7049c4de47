import type Redis from 'ioredis';
import type { DedupStore } from '../../modules/webhook';

const PENDING = 'pending';
const DONE = 'done:';

/**
 * Retry dedup shared by every instance: `SET key pending NX EX ttl` claims a callback, the first
 * instance then overwrites it with its response body. Bodies are prefixed so no body can be
 * mistaken for the pending marker.
 */
export class RedisDedupStore implements DedupStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'wxoa:dedup:',
  ) {}

  async claim(key: string, ttlSeconds: number): Promise<boolean> {
    return (await this.redis.set(this.prefix + key, PENDING, 'EX', ttlSeconds, 'NX')) === 'OK';
  }

  async complete(key: string, body: string, ttlSeconds: number): Promise<void> {
    await this.redis.set(this.prefix + key, DONE + body, 'EX', ttlSeconds);
  }

  async result(key: string): Promise<string | null> {
    const v = await this.redis.get(this.prefix + key);
    return v !== null && v.startsWith(DONE) ? v.slice(DONE.length) : null;
  }
}
