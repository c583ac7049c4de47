/**
 * Placeholders in text replies, filled when the reply is sent (documented for operators):
 *
 * | placeholder | becomes |
 * |---|---|
 * | {openid}   | the follower's openid |
 * | {nickname} | the follower's nickname when known, else empty (WeChat no longer gives nicknames to most accounts) |
 * | {account}  | the account's name |
 * | {date}     | today as YYYY-MM-DD in the account's time zone |
 * | {time}     | the time as HH:MM (24 h) in the account's time zone |
 * | {keyword}  | the keyword that matched, as the operator wrote it; empty for event and default replies |
 *
 * Names are exact and lower case. Anything else in braces ({name}, {{x}}, {Date}) is left as
 * written, so replies containing JSON or emoticons are never mangled.
 */
import type { InboundMessage } from '../../wechat';
import type { ReplyContent } from './auto-reply';
import type { Match } from './engine.contract';
import { zonedParts } from '../../shared/zoned-time';

export interface PlaceholderValues {
  openid?: string;
  nickname?: string | null;
  account?: string;
  keyword?: string | null;
  /** With `timeZone` (the account's IANA zone), fills {date} and {time}… */
  now?: Date;
  timeZone?: string;
  /** …or give them already formatted (they win over now/timeZone). */
  date?: string;
  time?: string;
}

const PLACEHOLDER = /\{(openid|nickname|account|date|time|keyword)\}/g;

/**
 * Fills the placeholders. {nickname} and {keyword} become empty when not given; the others stay as
 * written when their value is missing, which shows the gap in a dry run instead of hiding it.
 */
export function renderPlaceholders(text: string, values: PlaceholderValues): string {
  if (!text.includes('{')) return text;
  let clock: { date: string; time: string } | null | undefined;
  const zoned = () => (clock === undefined ? (clock = values.now && values.timeZone ? dateAndTime(values.now, values.timeZone) : null) : clock);
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    switch (name) {
      case 'openid': return values.openid ?? whole;
      case 'nickname': return values.nickname ?? '';
      case 'account': return values.account ?? whole;
      case 'date': return values.date ?? zoned()?.date ?? whole;
      case 'time': return values.time ?? zoned()?.time ?? whole;
      default: return values.keyword ?? '';
    }
  });
}

/**
 * A rule's reply with its placeholders filled for this message: the webhook and the dry run both
 * call this, so a dry run shows exactly what a follower would get.
 */
export function fillReply(reply: ReplyContent, message: InboundMessage, match: Match, account: { name: string; timeZone: string }, now: Date): ReplyContent {
  if (reply.type !== 'text' || !reply.content.includes('{')) return reply;
  const content = renderPlaceholders(reply.content, { openid: message.fromUserName, account: account.name, now, timeZone: account.timeZone, keyword: match.keyword?.text ?? null });
  return { type: 'text', content };
}

function dateAndTime(now: Date, timeZone: string): { date: string; time: string } {
  const { date, time } = zonedParts(now, timeZone);
  return { date, time };
}
