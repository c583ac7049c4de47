import { WeChatProtocolError } from './errors';
import { optText, text } from './fields';
import { eventBuilders } from './inbound-events';
import { messageBuilders } from './inbound-messages';
import type { InboundMessage, MessageBase } from './messages';

type Raw = Record<string, unknown>;

const UNIX_SECONDS = /^\d{1,12}$/;

function required(raw: Raw, field: 'ToUserName' | 'FromUserName' | 'MsgType'): string {
  const value = text(raw[field]);
  if (value === '') throw WeChatProtocolError.of('xml_malformed', `the callback has no ${field}`);
  return value;
}

/**
 * CreateTime is required too although the platform never omits it: the dedup key of an event is
 * built from it, and defaulting it would make every such event from one follower a duplicate.
 */
function createTime(raw: Raw): number {
  const value = text(raw.CreateTime).trim();
  if (!UNIX_SECONDS.test(value)) throw WeChatProtocolError.of('xml_malformed', 'CreateTime must be unix seconds');
  return Number(value);
}

function header(raw: Raw): MessageBase {
  const msgType = required(raw, 'MsgType');
  const isEvent = msgType === 'event';
  return {
    toUserName: required(raw, 'ToUserName'),
    fromUserName: required(raw, 'FromUserName'),
    createTime: createTime(raw),
    msgType,
    event: typeof raw.Event === 'string' ? raw.Event : null,
    // Normal messages say MsgId; job-finish events say MsgID (§2.1). Never a number: ids pass 2^53.
    msgId: optText(raw.MsgId) ?? optText(raw.MsgID),
    // A plain follow sends no EventKey, an empty one, or a nil one (`<EventKey/>`); all mean "none".
    eventKey: isEvent ? optText(raw.EventKey) : null,
    raw,
  };
}

/**
 * Turns a parseXml field map into a typed message. All protocol quirks are normalized here and
 * only here. Unknown MsgTypes and events come back as `unknown` with their raw fields, never
 * rejected: WeChat adds event families faster than anyone models them.
 */
export function toInboundMessage(raw: Record<string, unknown>): InboundMessage {
  const head = header(raw);
  const build = head.msgType === 'event'
    ? head.event === null ? undefined : eventBuilders.get(head.event)
    : messageBuilders.get(head.msgType);
  // Merged with Object.assign, not spread: V8 clones `{ ...head, kind }` on a slow path that cost
  // microseconds per callback, more than all the field reading. The builders are typed per variant.
  return Object.assign(head, build ? build(raw, head) : { kind: 'unknown' as const }) as InboundMessage;
}

/**
 * The idempotency key for WeChat's retries (§3): MsgId when there is one, else sender + CreateTime.
 * Event and EventKey are added because some events (unsubscribe, LOCATION) share a CreateTime
 * (chanjarster/weixin-java-tools#66, binarywang/WxJava#239, #333).
 */
export function dedupKey(msg: InboundMessage): string {
  return msg.msgId ?? `${msg.fromUserName}|${msg.createTime}|${msg.event}|${msg.eventKey ?? ''}`;
}
