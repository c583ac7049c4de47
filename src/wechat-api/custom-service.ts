import type { ApiCaller } from './caller';
import { customMessageBody, type CustomMessage } from './custom-service-message';

export type { CustomMessage, CustomMessageType } from './custom-service-message';

export type TypingCommand = 'Typing' | 'CancelTyping';

/**
 * Customer-service messages: free-form messages to a follower inside the interaction window a
 * follower opens (5 messages / 48 h after a message, 3 / 1 min after a click, follow or scan).
 * Outside it WeChat answers 45015, over the count 45047 — both surface as WeChatApiError.
 */
export class CustomServiceApi {
  constructor(private readonly api: ApiCaller) {}

  /**
   * Sends one message; with `kfAccount` it goes out as that agent.
   * @see https://developers.weixin.qq.com/doc/service/en/api/customer/message/api_sendcustommessage.html
   */
  async send(openid: string, message: CustomMessage, options: { kfAccount?: string } = {}): Promise<void> {
    await this.api.post('/cgi-bin/message/custom/send', customMessageBody(openid, message, options.kfAccount));
  }

  /**
   * Shows or hides "typing…" in the follower's chat (lasts 15 s; needs an interaction in the last 30 s).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
   */
  async typing(openid: string, command: TypingCommand): Promise<void> {
    await this.api.post('/cgi-bin/message/custom/typing', { touser: openid, command });
  }
}
