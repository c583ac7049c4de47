import type { Logger } from '../shared/logger';
import type { ReplyContent } from '../modules/auto-reply/auto-reply';
import { toCustomMessage, type FollowUpSender } from '../modules/auto-reply/follow-up';
import { WeChatApiError } from './errors';
import type { WeChatApiClients } from './index';

/**
 * Sends reply-all follow-ups through the customer-service API, in order. WeChat enforces the
 * interaction window (48 h, 5 messages after a follower's message): a 45015 or 45047 ends the
 * sequence — the rest could only fail the same way — and is logged, never thrown at the webhook.
 */
export class CustomServiceFollowUps implements FollowUpSender {
  constructor(
    private readonly clients: WeChatApiClients,
    private readonly logger: Logger,
  ) {}

  async send(appId: string, openid: string, replies: readonly ReplyContent[]): Promise<void> {
    const api = await this.clients.forAccount(appId);
    if (!api) {
      this.logger.warn({ appId }, 'reply-all follow-ups skipped: the account has no AppSecret for the API');
      return;
    }
    for (const reply of replies) {
      const message = toCustomMessage(reply);
      if (!message) {
        this.logger.warn({ appId, type: reply.type }, 'reply-all follow-up has no customer-service form; skipped');
        continue;
      }
      try {
        await api.customService.send(openid, message);
      } catch (err) {
        const code = err instanceof WeChatApiError ? err.errcode : undefined;
        this.logger.warn({ appId, errcode: code, err: err instanceof WeChatApiError ? undefined : err }, 'reply-all follow-up refused');
        if (code === 45015 || code === 45047) return;
      }
    }
  }
}
