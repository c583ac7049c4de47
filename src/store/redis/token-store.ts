import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import type { SecretBox } from '../../modules/accounts';
import type { ForceRefreshRules, StoredToken, TokenStore } from '../../wechat-api/token-store';

/** Deletes the lock only while it still holds our id: a holder whose lock lapsed must not free its successor's. */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * Rolling-window force_refresh ledger as a sorted set of timestamps, checked and appended in one
 * script so two instances cannot both spend the last refresh.
 * ARGV: now, windowMs, max, minSpacingMs, member.
 */
const CLAIM_FORCE = `
local now = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
if last[2] and now - tonumber(last[2]) < tonumber(ARGV[4]) then return 0 end
redis.call('ZADD', KEYS[1], now, ARGV[5])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

export interface RedisTokenStoreOptions {
  /** Key prefix; tests give each run its own. */
  prefix?: string;
  /** Seals the token at rest (ARCHITECTURE: tokens are secrets); plaintext when absent. */
  box?: SecretBox;
}

/**
 * Tokens shared by every instance (keys `wxoa:token:<appId>:<mode>`), the refresh lock
 * (`SET NX PX`, the pattern of redis.io/docs/latest/develop/use/patterns/distributed-locks for a
 * single Redis) and the force_refresh ledger.
 */
export class RedisTokenStore implements TokenStore {
  private readonly prefix: string;
  private readonly box: SecretBox | undefined;

  constructor(
    private readonly redis: Redis,
    options: RedisTokenStoreOptions = {},
  ) {
    this.prefix = options.prefix ?? 'wxoa:token:';
    this.box = options.box;
  }

  async get(key: string): Promise<StoredToken | null> {
    const raw = await this.redis.get(this.prefix + key);
    if (raw === null) return null;
    try {
      const v = JSON.parse(raw) as Partial<StoredToken>;
      if (typeof v.token !== 'string' || typeof v.expiresAt !== 'number') return null;
      const token = this.box ? this.box.open(v.token) : v.token;
      return { token, expiresAt: v.expiresAt, ...(typeof v.refreshAt === 'number' ? { refreshAt: v.refreshAt } : {}) };
    } catch {
      return null; // unreadable entry (or sealed under another key): treat as absent and let the refresher overwrite it
    }
  }

  async set(key: string, value: StoredToken, ttlMs: number): Promise<void> {
    const stored = { ...value, token: this.box ? this.box.seal(value.token) : value.token };
    await this.redis.set(this.prefix + key, JSON.stringify(stored), 'PX', Math.max(1, Math.ceil(ttlMs)));
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }

  async acquireLock(key: string, ttlMs: number): Promise<string | null> {
    const id = randomUUID();
    const ok = await this.redis.set(`${this.prefix}${key}:lock`, id, 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX');
    return ok === 'OK' ? id : null;
  }

  async releaseLock(key: string, lockId: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, `${this.prefix}${key}:lock`, lockId);
  }

  async claimForceRefresh(key: string, nowMs: number, rules: ForceRefreshRules): Promise<boolean> {
    const claimed = await this.redis.eval(
      CLAIM_FORCE,
      1,
      `${this.prefix}${key}:force`,
      nowMs,
      rules.windowMs,
      rules.max,
      rules.minSpacingMs,
      `${nowMs}:${randomUUID()}`,
    );
    return claimed === 1;
  }
}
