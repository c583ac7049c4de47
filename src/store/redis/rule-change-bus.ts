import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type Redis from 'ioredis';
import { ALL_ACCOUNTS, type RuleChangeBus } from '../../modules/auto-reply';
import type { Logger } from '../../shared/logger';

export const RULES_CHANGED_CHANNEL = 'wxoa:rules:changed';

export interface RedisRuleChangeBusOptions {
  channel?: string;
  logger?: Logger;
}

/**
 * Rule changes across instances over Redis pub/sub. A connection in subscriber mode can do nothing
 * else, so the bus takes two: the shared one to publish and a dedicated one to listen (both made
 * and closed by main.ts). Without a subscriber the bus only publishes (the CLI tells running
 * servers about its changes and listens to nothing).
 *
 * The publishing instance tells its own listeners at once, without waiting for its own message to
 * come back from Redis (an operator's next read must see the write); messages carry the sender's
 * id so that echo is skipped. Pub/sub does not replay what was sent while a subscriber was
 * disconnected, so after a reconnect every account's cache is dropped (ALL_ACCOUNTS).
 */
export class RedisRuleChangeBus implements RuleChangeBus {
  private readonly listeners: Array<(appId: string) => void> = [];
  private readonly origin = randomUUID();
  private readonly channel: string;
  private subscribed = false;
  private wasReady = false;

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis | null,
    private readonly options: RedisRuleChangeBusOptions = {},
  ) {
    this.channel = options.channel ?? RULES_CHANGED_CHANNEL;
  }

  async publish(appId: string): Promise<void> {
    this.notify(appId);
    await this.publisher.publish(this.channel, JSON.stringify({ appId, origin: this.origin }));
  }

  async subscribe(listener: (appId: string) => void): Promise<void> {
    if (!this.subscriber) throw new Error('this rule-change bus was built to publish only');
    this.listeners.push(listener);
    if (this.subscribed) return;
    this.subscribed = true;
    // SUBSCRIBE sent before the connection is ready trips ioredis's ready check (INFO is not allowed
    // in subscriber mode), which reconnects and loses what was published meanwhile: connect first.
    if (this.subscriber.status === 'wait') await this.subscriber.connect();
    else if (this.subscriber.status !== 'ready') await once(this.subscriber, 'ready');
    this.subscriber.on('message', this.onMessage);
    this.subscriber.on('ready', this.onReady);
    await this.subscriber.subscribe(this.channel);
    this.wasReady = true;
  }

  async close(): Promise<void> {
    this.listeners.length = 0;
    if (!this.subscriber || !this.subscribed) return;
    this.subscriber.off('message', this.onMessage);
    this.subscriber.off('ready', this.onReady);
    if (this.subscriber.status === 'ready') await this.subscriber.unsubscribe(this.channel);
  }

  private readonly onMessage = (channel: string, text: string): void => {
    if (channel !== this.channel) return;
    const appId = parse(text, this.origin);
    if (appId !== null) this.notify(appId);
  };

  // ioredis resubscribes by itself on reconnect; what was published in between is lost.
  private readonly onReady = (): void => {
    if (!this.wasReady) return;
    this.options.logger?.warn({ channel: this.channel }, 'rule-change subscription reconnected: dropping every cached rule set');
    this.notify(ALL_ACCOUNTS);
  };

  private notify(appId: string): void {
    for (const listener of this.listeners) {
      try {
        listener(appId);
      } catch (err) {
        this.options.logger?.error({ err, appId }, 'rule-change listener failed');
      }
    }
  }
}

/** The account of a message from another instance; null for our own echo or a malformed message. */
function parse(text: string, self: string): string | null {
  try {
    const msg = JSON.parse(text) as { appId?: unknown; origin?: unknown };
    if (typeof msg.appId !== 'string' || msg.origin === self) return null;
    return msg.appId;
  } catch {
    return null;
  }
}
