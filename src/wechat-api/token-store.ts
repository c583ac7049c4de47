import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '../shared/clock';

export interface StoredToken {
  token: string;
  /** Epoch ms when WeChat stops accepting the token. */
  expiresAt: number;
  /**
   * Epoch ms after which the next reader refreshes it. Stored rather than derived so every instance
   * agrees on one moment; absent means `expiresAt` minus the manager's margin.
   */
  refreshAt?: number;
}

/** WeChat's force_refresh rules for stable_token (§4.1): 20 per day, at least 30 s apart. */
export interface ForceRefreshRules {
  max: number;
  windowMs: number;
  minSpacingMs: number;
}

/**
 * Where access_tokens live, shared by every instance of the deployment: the whole point is that
 * one process fetches and the others read (§4.1, §12 "token stampede").
 */
export interface TokenStore {
  get(key: string): Promise<StoredToken | null>;
  set(key: string, value: StoredToken, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** One holder across all instances; the lock lapses after `ttlMs` so a dead holder cannot block refreshes. Resolves the lock id, or null when held. */
  acquireLock(key: string, ttlMs: number): Promise<string | null>;
  /** Releases only when `lockId` still holds it: a holder whose lock lapsed must not free its successor's. */
  releaseLock(key: string, lockId: string): Promise<void>;
  /**
   * Records one stable_token force_refresh at `nowMs` when `rules` allow it (fewer than `max` in the
   * last `windowMs`, none within `minSpacingMs`) and says whether it did. A rolling window is
   * stricter than WeChat's calendar day, so we never spend a refresh WeChat would refuse.
   */
  claimForceRefresh(key: string, nowMs: number, rules: ForceRefreshRules): Promise<boolean>;
}

/** The in-process adapter for the embedded profile (one instance) and tests. */
export class MemoryTokenStore implements TokenStore {
  private readonly tokens = new Map<string, { value: StoredToken; until: number }>();
  private readonly locks = new Map<string, { id: string; until: number }>();
  private readonly forced = new Map<string, number[]>();

  constructor(private readonly clock: Clock = systemClock) {}

  private now(): number {
    return this.clock.now().getTime();
  }

  async get(key: string): Promise<StoredToken | null> {
    const entry = this.tokens.get(key);
    if (!entry || entry.until <= this.now()) return null;
    return { ...entry.value };
  }

  async set(key: string, value: StoredToken, ttlMs: number): Promise<void> {
    this.tokens.set(key, { value: { ...value }, until: this.now() + ttlMs });
  }

  async delete(key: string): Promise<void> {
    this.tokens.delete(key);
  }

  async acquireLock(key: string, ttlMs: number): Promise<string | null> {
    const held = this.locks.get(key);
    if (held && held.until > this.now()) return null;
    const id = randomUUID();
    this.locks.set(key, { id, until: this.now() + ttlMs });
    return id;
  }

  async releaseLock(key: string, lockId: string): Promise<void> {
    if (this.locks.get(key)?.id === lockId) this.locks.delete(key);
  }

  async claimForceRefresh(key: string, nowMs: number, rules: ForceRefreshRules): Promise<boolean> {
    const recent = (this.forced.get(key) ?? []).filter((at) => at > nowMs - rules.windowMs);
    const last = recent[recent.length - 1];
    const allowed = recent.length < rules.max && (last === undefined || nowMs - last >= rules.minSpacingMs);
    if (allowed) recent.push(nowMs);
    this.forced.set(key, recent);
    return allowed;
  }
}
