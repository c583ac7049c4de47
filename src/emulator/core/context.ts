import type { Context } from 'koa';
import type { Clock } from '../../shared/clock';
import { withDefaults, type AccountInput } from './accounts';
import { EmulatorError, type EmulatorAccount, type EmulatorContext, type FanActivity, type Follower, type InboxItem } from './contract';
import { deliverCallback, type DeliveryOutcome } from './delivery';
import { ControlError } from './errors';
import { FollowerBook, type FollowOptions } from './followers';
import { signCallback } from './outbound';
import { TokenService } from './tokens';
import { renderCallback } from './xml-build';

/** One callback the emulator sent, kept for GET /__emulator/accounts/:appId/callbacks. */
export interface CallbackRecord {
  at: number;
  openid: string;
  xml: string;
  attempts: number;
  outcome: string;
}

const CALLBACK_LOG_LIMIT = 200;

/**
 * The emulator's state and the EmulatorContext the API groups use. Everything lives in memory;
 * a restart is a fresh platform.
 */
export class Emulator implements EmulatorContext {
  readonly tokens: TokenService;
  readonly fans: FollowerBook;
  /** Per callback attempt (WeChat: 5000). */
  readonly webhookTimeoutMs: number;
  private readonly registry = new Map<string, EmulatorAccount>();
  private readonly apiCalls = new Map<string, Map<string, number>>();
  private readonly callbackLog = new Map<string, CallbackRecord[]>();
  private readonly removalListeners: Array<(appId: string) => void> = [];

  constructor(readonly clock: Clock, options: { tokenTtlSeconds: number; webhookTimeoutMs: number }) {
    this.tokens = new TokenService(clock, options.tokenTtlSeconds);
    this.fans = new FollowerBook(clock);
    this.webhookTimeoutMs = options.webhookTimeoutMs;
  }

  nowSeconds(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }

  accounts(): EmulatorAccount[] {
    return [...this.registry.values()];
  }

  account(appId: string): EmulatorAccount | undefined {
    return this.registry.get(appId);
  }

  /** The account or a control-API 404. */
  requireAccount(appId: string): EmulatorAccount {
    const account = this.registry.get(appId);
    if (!account) throw new ControlError(404, 'account_not_found', `no emulated account ${appId}`);
    return account;
  }

  addAccount(input: AccountInput): EmulatorAccount {
    if (this.registry.has(input.appId)) throw new ControlError(409, 'account_exists', `account ${input.appId} exists`);
    const account = withDefaults(input);
    this.registry.set(account.appId, account);
    return account;
  }

  replaceAccount(account: EmulatorAccount): void {
    this.registry.set(account.appId, account);
  }

  removeAccount(appId: string): void {
    this.requireAccount(appId);
    this.registry.delete(appId);
    this.tokens.forget(appId);
    this.fans.forget(appId);
    this.apiCalls.delete(appId);
    this.callbackLog.delete(appId);
    for (const listener of this.removalListeners) listener(appId);
  }

  /** Not in the contract: lets the core's own parts drop per-account state when an account goes. */
  onAccountRemoved(listener: (appId: string) => void): void {
    this.removalListeners.push(listener);
  }

  authenticate(ctx: Context): EmulatorAccount {
    const raw = ctx.query.access_token;
    const appId = this.tokens.verify(Array.isArray(raw) ? raw[0] : raw);
    const account = this.registry.get(appId);
    if (!account) throw new EmulatorError(40001, 'invalid credential, access_token is invalid or not latest');
    const calls = this.apiCalls.get(appId) ?? new Map<string, number>();
    calls.set(ctx.path, (calls.get(ctx.path) ?? 0) + 1);
    this.apiCalls.set(appId, calls);
    return account;
  }

  stats(appId: string): Record<string, unknown> {
    const followers = [...this.fans.followers(appId).values()];
    return {
      ...this.tokens.stats(appId),
      apiCalls: Object.fromEntries(this.apiCalls.get(appId) ?? []),
      followers: followers.filter((f) => f.subscribed).length,
      unfollowers: followers.filter((f) => !f.subscribed).length,
      callbacks: (this.callbackLog.get(appId) ?? []).length,
    };
  }

  followers(appId: string): Map<string, Follower> {
    return this.fans.followers(appId);
  }

  follow(appId: string, openid: string, options?: FollowOptions): Follower {
    return this.fans.follow(appId, openid, options);
  }

  unfollow(appId: string, openid: string): void {
    this.fans.unfollow(appId, openid);
  }

  onActivity(listener: (appId: string, openid: string, activity: FanActivity) => void): void {
    this.fans.onActivity(listener);
  }

  recordActivity(appId: string, openid: string, activity: FanActivity): void {
    this.fans.recordActivity(appId, openid, activity);
  }

  deliver(appId: string, openid: string, item: Omit<InboxItem, 'at'> & { at?: number }): void {
    this.fans.deliver(appId, openid, item);
  }

  inbox(appId: string, openid: string): InboxItem[] {
    return this.fans.inbox(appId, openid);
  }

  async pushEvent(appId: string, fromUserName: string, fields: Record<string, unknown>): Promise<void> {
    try {
      const account = this.registry.get(appId);
      if (!account) return;
      const xml = renderCallback({ toUserName: account.originalId, fromUserName, createTime: this.nowSeconds(), msgType: 'event' }, fields);
      await this.sendCallback(account, fromUserName, xml);
    } catch {
      // The contract promises pushes never throw: a broken webhook is the receiver's problem, as on WeChat.
    }
  }

  /** Signs/encrypts and delivers one callback with WeChat's retries; null when no webhook is configured. */
  async sendCallback(account: EmulatorAccount, openid: string, xml: string): Promise<DeliveryOutcome | null> {
    if (account.webhookUrl === null) {
      this.logCallback(account.appId, { at: this.nowSeconds(), openid, xml, attempts: 0, outcome: 'no webhookUrl configured' });
      return null;
    }
    const outcome = await deliverCallback(signCallback(account, xml, openid, this.nowSeconds()), this.webhookTimeoutMs);
    const last = outcome.last;
    const described = last.kind === 'answered' ? `HTTP ${last.status}` : last.kind === 'timeout' ? 'timed out' : `network error: ${last.error}`;
    this.logCallback(account.appId, { at: this.nowSeconds(), openid, xml, attempts: outcome.attempts, outcome: described });
    return outcome;
  }

  callbacks(appId: string): CallbackRecord[] {
    return [...(this.callbackLog.get(appId) ?? [])];
  }

  private logCallback(appId: string, record: CallbackRecord): void {
    const list = this.callbackLog.get(appId) ?? [];
    list.push(record);
    if (list.length > CALLBACK_LOG_LIMIT) list.shift();
    this.callbackLog.set(appId, list);
  }
}
