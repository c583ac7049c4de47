import { systemClock, type Clock } from '../shared/clock';
import { AppError } from '../shared/errors';
import { silentLogger, type Logger } from '../shared/logger';
import { realSleep } from './retry';
import type { ForceRefreshRules, StoredToken, TokenStore } from './token-store';

/** stable = /cgi-bin/stable_token (the default: it never invalidates other holders); classic = /cgi-bin/token. */
export type TokenMode = 'stable' | 'classic';

export interface FetchedToken {
  accessToken: string;
  expiresInSeconds: number;
}

/** How the manager asks WeChat for a token; the client binds it to HTTP, tests to a fake. */
export type TokenFetcher = (request: { mode: TokenMode; forceRefresh: boolean }) => Promise<FetchedToken>;

export interface TokenManagerOptions {
  appId: string;
  mode?: TokenMode;
  store: TokenStore;
  fetchToken: TokenFetcher;
  clock?: Clock;
  logger?: Logger;
  /** Refresh when less than this remains (default 5 min; WeChat's own overlap window is 5 min). */
  refreshMarginMs?: number;
  /** Longest one refresher may hold the lock; must exceed a token fetch with its timeout. */
  lockTtlMs?: number;
  /** How often instances without the lock look for the holder's result. */
  pollIntervalMs?: number;
  /** Give up waiting for other instances after this long (default 2 × lockTtlMs). */
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
  forceRefresh?: Partial<ForceRefreshRules>;
}

const DAY_MS = 86_400_000;

/**
 * One account's access_token: read from the shared TokenStore, refreshed ahead of expiry by exactly
 * one refresher across all instances (a lock with expiry; the others poll the store for its
 * result), and by one promise within a process, so N concurrent callers cause one fetch.
 */
export class TokenManager {
  /** Store key; the stable and classic token families are isolated at WeChat (§4.1), so here too. */
  readonly key: string;
  readonly mode: TokenMode;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly marginMs: number;
  private readonly lockTtlMs: number;
  private readonly pollMs: number;
  private readonly maxWaitMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly rules: ForceRefreshRules;
  /** Saves a store round trip per API call; safe because a token another instance replaced heals through invalidate(). */
  private memo: { token: string; refreshAt: number } | null = null;
  private inflight: { stale: string | null; promise: Promise<string> } | null = null;

  constructor(private readonly options: TokenManagerOptions) {
    this.mode = options.mode ?? 'stable';
    this.key = `${options.appId}:${this.mode}`;
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.marginMs = options.refreshMarginMs ?? 5 * 60_000;
    this.lockTtlMs = options.lockTtlMs ?? 30_000;
    this.pollMs = options.pollIntervalMs ?? 100;
    this.maxWaitMs = options.maxWaitMs ?? 2 * this.lockTtlMs;
    this.sleep = options.sleep ?? realSleep;
    this.rules = { max: 20, windowMs: DAY_MS, minSpacingMs: 30_000, ...options.forceRefresh };
  }

  /** A token with more than the margin left, fetching one when there is none. */
  async getToken(): Promise<string> {
    const now = this.now();
    if (this.memo && now < this.memo.refreshAt) return this.memo.token;
    const stored = await this.options.store.get(this.key);
    if (this.usable(stored, null)) return this.remember(stored);
    return this.refresh(null);
  }

  /**
   * WeChat rejected `staleToken` (40001/40014/42001). Resolves a replacement — another instance's
   * newer token when there is one, else a fresh fetch — or `staleToken` itself when WeChat would
   * not give a different one (force_refresh budget spent), so the caller knows not to retry.
   */
  async invalidate(staleToken: string): Promise<string> {
    if (this.memo?.token === staleToken) this.memo = null;
    return this.refresh(staleToken);
  }

  private refresh(stale: string | null): Promise<string> {
    const running = this.inflight;
    // Joining: any refresh answers "give me a token"; a refresh for the same stale token answers that too.
    if (running && (stale === null || running.stale === stale)) return running.promise;
    if (running) {
      return running.promise.then(
        (token) => (token !== stale ? token : this.refresh(stale)),
        () => this.refresh(stale),
      );
    }
    const promise = this.refreshAcrossInstances(stale).finally(() => {
      if (this.inflight?.promise === promise) this.inflight = null;
    });
    this.inflight = { stale, promise };
    return promise;
  }

  private async refreshAcrossInstances(stale: string | null): Promise<string> {
    const { store } = this.options;
    const deadline = this.now() + this.maxWaitMs;
    for (;;) {
      const current = await store.get(this.key);
      if (this.usable(current, stale)) return this.remember(current);
      const lockId = await store.acquireLock(this.key, this.lockTtlMs);
      if (lockId !== null) {
        try {
          // The previous holder may have stored its token between our read and our lock.
          const again = await store.get(this.key);
          if (this.usable(again, stale)) return this.remember(again);
          return await this.fetchAndStore(stale);
        } finally {
          await store.releaseLock(this.key, lockId);
        }
      }
      if (this.now() >= deadline) {
        throw new AppError('wechat_token_unavailable', `no access_token for ${this.options.appId}: another instance held the refresh lock too long`, 503);
      }
      await this.sleep(this.pollMs);
    }
  }

  private async fetchAndStore(stale: string | null): Promise<string> {
    const startedAt = this.now();
    let fetched = await this.options.fetchToken({ mode: this.mode, forceRefresh: false });
    let forced = false;
    // Normal-mode stable_token returns the platform's current token; if that is the one just
    // rejected, only force_refresh replaces it — and WeChat allows 20 a day, 30 s apart.
    if (this.mode === 'stable' && stale !== null && fetched.accessToken === stale) {
      if (await this.options.store.claimForceRefresh(this.key, startedAt, this.rules)) {
        fetched = await this.options.fetchToken({ mode: this.mode, forceRefresh: true });
        forced = true;
      } else {
        this.logger.warn({ appId: this.options.appId }, 'stable_token returned the rejected token and the force_refresh budget (20/day, 30 s apart) is spent');
      }
    }
    const lifetimeMs = fetched.expiresInSeconds * 1000;
    const expiresAt = startedAt + lifetimeMs;
    // Half the lifetime when the token is short-lived, so a token near WeChat's rotation is not refetched on every call.
    const value: StoredToken = { token: fetched.accessToken, expiresAt, refreshAt: expiresAt - Math.min(this.marginMs, lifetimeMs / 2) };
    await this.options.store.set(this.key, value, Math.max(1, expiresAt - this.now()));
    this.logger.info({ appId: this.options.appId, mode: this.mode, forced, expiresInSeconds: fetched.expiresInSeconds }, 'access_token refreshed');
    return this.remember(value);
  }

  private usable(value: StoredToken | null, stale: string | null): value is StoredToken {
    return value !== null && value.token !== stale && this.now() < this.refreshAtOf(value);
  }

  private refreshAtOf(value: StoredToken): number {
    return value.refreshAt ?? value.expiresAt - this.marginMs;
  }

  private remember(value: StoredToken): string {
    this.memo = { token: value.token, refreshAt: this.refreshAtOf(value) };
    return value.token;
  }

  private now(): number {
    return this.clock.now().getTime();
  }
}
