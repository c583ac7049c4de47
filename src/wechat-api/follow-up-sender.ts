import type { Logger } from '../shared/logger';
import type { ReplyContent } from '../modules/auto-reply/auto-reply';
import { toCustomMessage, type FollowUpSender } from '../modules/auto-reply/follow-up';
import type { CustomerServiceSender } from '../modules/customer-service/cs-sender';

/**
 * Sends reply-all follow-ups, in order, through the one customer-service path (CustomerServiceSender),
 * so they count against the follower's interaction window like every other customer-service message
 * (a menu tap's window holds 3, a message's 5). Once the window is closed or used up, or the account
 * cannot call the API, the sequence ends — the rest could only be refused the same way; another
 * refusal (a bad media id) skips that one reply. Refusals are logged, never thrown at the webhook.
 */
export class CustomServiceFollowUps implements FollowUpSender {
  constructor(
    private readonly sender: Pick<CustomerServiceSender, 'send'>,
    private readonly logger: Logger,
  ) {}

  async send(appId: string, openid: string, replies: readonly ReplyContent[]): Promise<void> {
    for (const reply of replies) {
      const message = toCustomMessage(reply);
      if (!message) {
        this.logger.warn({ appId, type: reply.type }, 'reply-all follow-up has no customer-service form; skipped');
        continue;
      }
      const outcome = await this.sender.send(appId, openid, message);
      if (outcome.sent) continue;
      this.logger.warn({ appId, code: outcome.code, errcode: outcome.errcode, reason: outcome.reason }, 'reply-all follow-up refused');
      if (outcome.code !== 'wechat_error') return;
    }
  }
}
