import type Redis from 'ioredis';
import type { CooldownStore } from '../../modules/auto-reply';

/**
 * The default reply's per-follower cool-down, shared by every instance: `SET key 1 EX s NX` both
 * checks and starts the cool-down in one step, so two instances answering the same follower at
 * once cannot both send it. Keys expire by themselves.
 */
export class RedisCooldownStore implements CooldownStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'wxoa:cooldown:',
  ) {}

  async take(key: string, cooldownSeconds: number): Promise<boolean> {
    if (cooldownSeconds <= 0) return true;
    const seconds = Math.max(1, Math.ceil(cooldownSeconds));
    return (await this.redis.set(this.prefix + key, '1', 'EX', seconds, 'NX')) === 'OK';
  }
}
