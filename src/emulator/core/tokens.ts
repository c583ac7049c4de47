import { randomBytes } from 'node:crypto';
import type { Clock } from '../../shared/clock';
import { EmulatorError } from './contract';

/** §4.1: a superseded /cgi-bin/token token and a rotating stable token both live 5 more minutes. */
export const GRACE_MS = 5 * 60 * 1000;
const FORCE_MIN_GAP_MS = 30 * 1000;
const FORCE_PER_DAY = 20;
/** WeChat's day (quotas, force_refresh) is the China calendar day; UTC+8 has no DST. */
const CHINA_OFFSET_MS = 8 * 3600 * 1000;
/** Issued tokens are URL-safe base64 of this many bytes (real ones are ~140–190 chars; storage must allow 512). */
const TOKEN_BYTES = 102;
const WELL_FORMED = /^[A-Za-z0-9_-]{32,512}$/;

type Family = 'classic' | 'stable';

interface IssuedToken {
  appId: string;
  family: Family;
  issuedAt: number;
  /** Natural end of life: issuedAt + TTL. */
  expiresAt: number;
  /** Set when superseded or force-invalidated: the token dies at this instant (may be now). */
  revokedAt: number | null;
}

export interface TokenGrant {
  access_token: string;
  expires_in: number;
}

export interface TokenStats {
  tokenCalls: number;
  stableTokenCalls: number;
  forceRefreshes: number;
}

interface AccountTokens extends TokenStats {
  classic: string | null;
  stable: string | null;
  lastForceAt: number | null;
  forceDay: number;
  forceToday: number;
}

/**
 * Both token families of §4.1, kept completely apart: a /cgi-bin/token call never touches the
 * stable token and the other way round.
 */
export class TokenService {
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly byAccount = new Map<string, AccountTokens>();

  /** 5 minutes, or half the TTL when a test sets a TTL so short that 5 minutes would be all of it. */
  private readonly rotateWindowMs: number;

  constructor(private readonly clock: Clock, private readonly ttlSeconds: number) {
    this.rotateWindowMs = Math.min(GRACE_MS, (ttlSeconds * 1000) / 2);
  }

  /** GET /cgi-bin/token: always a new token; the previous one is cut to 5 more minutes. */
  issueClassic(appId: string): TokenGrant {
    const state = this.state(appId);
    const now = this.now();
    state.tokenCalls += 1;
    if (state.classic) this.cutTo(state.classic, now + GRACE_MS);
    const token = this.mint(appId, 'classic', now);
    state.classic = token;
    return this.grant(token, now);
  }

  /** POST /cgi-bin/stable_token. */
  issueStable(appId: string, forceRefresh: boolean): TokenGrant {
    const state = this.state(appId);
    const now = this.now();
    state.stableTokenCalls += 1;
    if (forceRefresh) return this.forceRefresh(state, appId, now);
    const current = state.stable ? this.tokens.get(state.stable) : undefined;
    if (current && this.alive(current, now)) {
      if (current.expiresAt - now > this.rotateWindowMs) return this.grant(state.stable!, now);
      // The platform rotates 5 minutes before expiry and keeps the old one to its natural end, so
      // both work during the overlap. The new token dates from the rotation instant, not this call.
      const token = this.mint(appId, 'stable', current.expiresAt - this.rotateWindowMs);
      state.stable = token;
      return this.grant(token, now);
    }
    state.stable = this.mint(appId, 'stable', now);
    return this.grant(state.stable, now);
  }

  private forceRefresh(state: AccountTokens, appId: string, now: number): TokenGrant {
    const current = state.stable ? this.tokens.get(state.stable) : undefined;
    // Within 30 s of the last forced refresh WeChat does not refresh: the caller gets the current token.
    if (current && this.alive(current, now) && state.lastForceAt !== null && now - state.lastForceAt < FORCE_MIN_GAP_MS) {
      return this.grant(state.stable!, now);
    }
    const day = Math.floor((now + CHINA_OFFSET_MS) / 86_400_000);
    if (state.forceDay !== day) {
      state.forceDay = day;
      state.forceToday = 0;
    }
    if (state.forceToday >= FORCE_PER_DAY) throw new EmulatorError(45009, 'reach max api daily quota limit');
    state.forceToday += 1;
    state.forceRefreshes += 1;
    state.lastForceAt = now;
    // force_refresh invalidates every earlier stable token at once, including one still in its overlap.
    for (const [token, issued] of this.tokens) {
      if (issued.appId === appId && issued.family === 'stable') this.cutTo(token, now);
    }
    state.stable = this.mint(appId, 'stable', now);
    return this.grant(state.stable, now);
  }

  /** The account behind a token, or the WeChat error for it (41001/40014/40001/42001). */
  verify(token: string | undefined): string {
    if (token === undefined || token === '') throw new EmulatorError(41001, 'access_token missing');
    if (!WELL_FORMED.test(token)) throw new EmulatorError(40014, 'invalid access_token');
    const issued = this.tokens.get(token);
    if (!issued) throw new EmulatorError(40001, 'invalid credential, access_token is invalid or not latest');
    const now = this.now();
    if (issued.revokedAt !== null && issued.revokedAt < issued.expiresAt && now >= issued.revokedAt) {
      throw new EmulatorError(40001, 'invalid credential, access_token is invalid or not latest');
    }
    if (now >= issued.expiresAt) throw new EmulatorError(42001, 'access_token expired');
    return issued.appId;
  }

  stats(appId: string): TokenStats & { forceRefreshesToday: number } {
    const s = this.state(appId);
    return { tokenCalls: s.tokenCalls, stableTokenCalls: s.stableTokenCalls, forceRefreshes: s.forceRefreshes, forceRefreshesToday: s.forceToday };
  }

  /** A removed account's tokens die with it (they answer 40001 afterwards). */
  forget(appId: string): void {
    this.byAccount.delete(appId);
    for (const [token, issued] of this.tokens) if (issued.appId === appId) this.tokens.delete(token);
  }

  private alive(t: IssuedToken, now: number): boolean {
    return now < t.expiresAt && (t.revokedAt === null || now < t.revokedAt);
  }

  private cutTo(token: string, at: number): void {
    const issued = this.tokens.get(token);
    if (issued && (issued.revokedAt === null || issued.revokedAt > at)) issued.revokedAt = at;
  }

  private mint(appId: string, family: Family, issuedAt: number): string {
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    this.tokens.set(token, { appId, family, issuedAt, expiresAt: issuedAt + this.ttlSeconds * 1000, revokedAt: null });
    this.sweep();
    return token;
  }

  private grant(token: string, now: number): TokenGrant {
    const issued = this.tokens.get(token)!;
    return { access_token: token, expires_in: Math.floor((issued.expiresAt - now) / 1000) };
  }

  /** Long-running emulators mint many tokens; ones dead for a day only cost memory. */
  private sweep(): void {
    if (this.tokens.size < 10_000) return;
    const cutoff = this.now() - 86_400_000;
    for (const [token, t] of this.tokens) if (Math.min(t.expiresAt, t.revokedAt ?? Infinity) < cutoff) this.tokens.delete(token);
  }

  private state(appId: string): AccountTokens {
    let s = this.byAccount.get(appId);
    if (!s) {
      s = { classic: null, stable: null, lastForceAt: null, forceDay: -1, forceToday: 0, tokenCalls: 0, stableTokenCalls: 0, forceRefreshes: 0 };
      this.byAccount.set(appId, s);
    }
    return s;
  }

  private now(): number {
    return this.clock.now().getTime();
  }
}
