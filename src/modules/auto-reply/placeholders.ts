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

function dateAndTime(now: Date, timeZone: string): { date: string; time: string } {
  const parts: Record<string, string> = {};
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  });
  for (const p of f.formatToParts(now)) parts[p.type] = p.value;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}
