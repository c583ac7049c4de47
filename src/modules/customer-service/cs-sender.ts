import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import type { CustomMessageLike } from '../auto-reply/follow-up';
import type { ServiceWindow } from './customer-service';
import type { CustomerServicePlatform, ServiceWindowRepository } from './customer-service.ports';
import { refusalOf } from './service-window';

export interface CustomerServiceSenderDeps {
  windows: ServiceWindowRepository;
  platform: CustomerServicePlatform;
  clock: Clock;
  logger: Logger;
}

export type SendRefusal = 'window_closed' | 'quota_used' | 'no_api' | 'wechat_error';

export type SendOutcome =
  | { sent: true; left: number; endsAt: string }
  /** errcode: what WeChat answered, when it was asked (refusals made here only name it in the reason). */
  | { sent: false; code: SendRefusal; reason: string; errcode?: number };

/** WeChat's answers that are about the window itself (protocol doc §6.1). */
const OUT_OF_WINDOW = 45015;
const OUT_OF_QUOTA = 45047;

/**
 * The one path every customer-service message takes (agents' replies, reply-all follow-ups,
 * deferred replies): one message of the follower's window is taken in the store before WeChat is
 * called, so a send WeChat would refuse (45015 outside the window, 45047 over its count) is refused
 * here first, with a reason an agent can read, and concurrent senders cannot pass the count
 * together. A call that fails for another reason gives its message back. Refusals and WeChat's
 * errors are outcomes, never thrown; only the store's own failures are.
 */
export class CustomerServiceSender {
  constructor(private readonly deps: CustomerServiceSenderDeps) {}

  async send(appId: string, openid: string, message: CustomMessageLike, options: { kfAccount?: string } = {}): Promise<SendOutcome> {
    const { platform, clock } = this.deps;
    const api = await platform.forAccount(appId);
    if (!api) return { sent: false, code: 'no_api', reason: 'the account has no AppSecret, so the customer-service API cannot be called' };
    const now = clock.now();
    const taken = await this.take(appId, openid, now);
    if ('refused' in taken) return taken.refused;
    try {
      await api.customService.send(openid, message, options);
    } catch (err) {
      return this.failed(taken.window, err, now);
    }
    return { sent: true, left: taken.window.limit - taken.window.used, endsAt: taken.window.expiresAt };
  }

  /** One message of the window, or the refusal to show, read from the stored window. */
  private async take(appId: string, openid: string, now: Date): Promise<{ window: ServiceWindow } | { refused: SendOutcome }> {
    const { windows } = this.deps;
    const first = await windows.take(appId, openid, now.toISOString());
    if (first) return { window: first };
    const refusal = refusalOf(await windows.get(appId, openid), now);
    // No errcode: WeChat was not asked; the reason names what it would have answered.
    if (refusal) return { refused: { sent: false, code: refusal.code, reason: `${refusal.reason}; WeChat would answer ${refusal.errcode}` } };
    // Open after all: the follower's new message replaced the window between the take and the read.
    const second = await windows.take(appId, openid, now.toISOString());
    if (second) return { window: second };
    return { refused: { sent: false, code: 'quota_used', reason: 'other messages to this follower used the window at the same moment; none is left' } };
  }

  private async failed(taken: ServiceWindow, err: unknown, now: Date): Promise<SendOutcome> {
    const { appId, openid } = taken;
    const errcode = errcodeOf(err);
    this.deps.logger.warn({ appId, openid, errcode, err: errcode === undefined ? err : undefined }, 'customer-service message refused');
    if (errcode === OUT_OF_WINDOW || errcode === OUT_OF_QUOTA) {
      // WeChat knows better than our record (a send made outside this product, another clock):
      // remember its answer so the next sends are refused here, without a call.
      const closed = errcode === OUT_OF_WINDOW;
      await this.quietly(() => this.record(taken, closed ? { expiresAt: minIso(taken.expiresAt, now.toISOString()) } : { used: taken.limit }), taken);
      return closed
        ? { sent: false, code: 'window_closed', errcode, reason: `WeChat answered 45015: the follower's customer-service window is closed (the window recorded here, opened at ${taken.openedAt}, is now marked closed)` }
        : { sent: false, code: 'quota_used', errcode, reason: `WeChat answered 45047: the messages of the follower's window are used up (${taken.used} of ${taken.limit} recorded here; the window is now marked used up)` };
    }
    await this.quietly(() => this.deps.windows.giveBack(appId, openid, taken.openedAt), taken);
    const detail = err instanceof Error ? err.message : String(err);
    return { sent: false, code: 'wechat_error', reason: `the message did not go out: ${detail}`, ...(errcode !== undefined && { errcode }) };
  }

  /** The send's outcome stands even when its bookkeeping fails: logged, the window is off by one until the next trigger. */
  private async quietly(work: () => Promise<void>, taken: ServiceWindow): Promise<void> {
    try {
      await work();
    } catch (err) {
      this.deps.logger.error({ err, appId: taken.appId, openid: taken.openid }, 'could not update the customer-service window after a refused send');
    }
  }

  /**
   * Writes WeChat's verdict onto the window the message was taken from, unless a newer one replaced
   * it meanwhile (a newer window is the follower's fresh interaction: WeChat's answer was about the old one).
   */
  private async record(taken: ServiceWindow, change: Partial<Pick<ServiceWindow, 'expiresAt' | 'used'>>): Promise<void> {
    const current = await this.deps.windows.get(taken.appId, taken.openid);
    if (!current || current.openedAt !== taken.openedAt || current.trigger !== taken.trigger) return;
    await this.deps.windows.open({ ...current, ...change });
  }
}

/** WeChatApiError's errcode, read structurally: modules do not import the API client. */
function errcodeOf(err: unknown): number | undefined {
  const code = typeof err === 'object' && err !== null ? (err as { errcode?: unknown }).errcode : undefined;
  return typeof code === 'number' ? code : undefined;
}

const minIso = (a: string, b: string): string => (a < b ? a : b);
