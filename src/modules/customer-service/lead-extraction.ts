import type { LeadKind } from './customer-service';

/** One piece of contact detail found in a follower's message, its value normalized. */
export interface FoundContact {
  kind: LeadKind;
  value: string;
}

interface Matcher {
  kind: LeadKind;
  /** Global, with indices (`d`); group 1 is the contact itself (without its introducer or country prefix). */
  pattern: RegExp;
  normalize(raw: string): string;
  /** Rejects a match its surroundings show to be something else (a longer number, an amount). */
  fits?(text: string, start: number, end: number): boolean;
}

const digitsOnly = (raw: string): string => raw.replace(/\D/g, '');
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/**
 * Where a phone number really ends: not glued to more digits by a dash or a dot (a date, a decimal
 * amount, a longer code), not after a currency sign, and — when the number is written in groups
 * separated by spaces — not followed or preceded by yet another digit group (a bank card, an order
 * number typed in groups). The regexes already refuse a digit right before or after.
 */
function phoneFits(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  const after = text[end];
  if (before !== undefined && '¥￥$'.includes(before)) return false;
  if ((before === '-' || before === '.') && isDigit(text[start - 2])) return false;
  if ((after === '-' || after === '.') && isDigit(text[end + 1])) return false;
  if (text.slice(start, end).includes(' ')) {
    if (before === ' ' && isDigit(text[start - 2])) return false;
    if (after === ' ' && isDigit(text[end + 1])) return false;
  }
  return true;
}

/**
 * In precedence order: a span of text is one contact, and the first matcher to claim it keeps it.
 * So "QQ 13800138000" is a QQ number (the follower said so), and "13800138000@163.com" an e-mail.
 */
const MATCHERS: readonly Matcher[] = [
  {
    kind: 'email',
    // Starts only where a name can start, and the name (≤ 64) and each label (≤ 63) are bounded as
    // RFC 5321 bounds them, so a long run of letters costs linear time, not quadratic.
    pattern: /(?<![A-Za-z0-9._%+-])([A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,24})(?![A-Za-z0-9-])/dg,
    normalize: (raw) => raw.toLowerCase(),
  },
  {
    // "QQ", "qq", "扣扣" (+ 号/号码, 是/为, a colon), then 5–11 digits, the first not 0.
    kind: 'qq',
    pattern: /(?<![A-Za-z])(?:[Qq]{2}|扣扣)(?:号码?)?\s*(?:是|为)?\s*:?\s*([1-9]\d{4,10})(?!\d)/dg,
    normalize: (raw) => raw,
  },
  {
    // 微信 / 微信号 / V信 introduce an ID right away; the Latin vx / wx need a space or colon after
    // them, or "wxid_…" would read as the ID "id_…". An ID: a letter, then 5–19 letters, digits, _ or -.
    kind: 'wechat_id',
    pattern: /(?:(?<![A-Za-z0-9_])[VvWw][Xx](?=\s|:)|微信(?:号码?|账号)?|[Vv]信)\s*(?:是|为)?\s*:?\s*([A-Za-z][A-Za-z0-9_-]{5,19})(?![A-Za-z0-9_-])/dg,
    normalize: (raw) => raw,
  },
  {
    // Mainland mobile: 1[3-9] and 9 more digits, as 11 or in 3-4-4 groups (space or dash), after an
    // optional +86 / 0086 / (+86) / 86.
    kind: 'mobile',
    pattern: /(?<!\d)(?:(?:\+|00)86[ -]?|\(\+?86\)[ -]?|86[ -]?)?(1[3-9]\d[ -]?\d{4}[ -]?\d{4})(?!\d)/dg,
    normalize: digitsOnly,
    fits: phoneFits,
  },
  {
    // Landline: 0 + a 2–3 digit area code (optionally in brackets), then 7–8 digits, dashes or spaces between groups.
    kind: 'landline',
    pattern: /(?<!\d)(\(?0[1-9]\d{1,2}\)?[ -]?[1-9]\d{2,3}[ -]?\d{4})(?!\d)/dg,
    normalize: digitsOnly,
    fits: phoneFits,
  },
];

/**
 * Full-width ASCII (０-９, ＡＢＣ, ＠, ＋, －, ：…) and the ideographic space folded to ASCII, as
 * Chinese input methods often type them. Each character stays one UTF-16 unit, so positions hold.
 */
export function foldWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000\u00A0]/g, (c) => (c === '\u3000' || c === '\u00A0' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

/**
 * The contact details in a follower's message: mobile and landline numbers (digits only, without
 * the country prefix), e-mail addresses (lower case), WeChat IDs and QQ numbers when the follower
 * introduces them ("微信：…", "QQ …"). In order of appearance, each (kind, value) once.
 */
export function findContacts(text: string): FoundContact[] {
  const folded = foldWidth(text);
  const claimed: Array<[number, number]> = [];
  const hits: Array<FoundContact & { at: number }> = [];
  for (const m of MATCHERS) {
    for (const match of folded.matchAll(m.pattern)) {
      const [start, end] = match.indices![1]!;
      const [whole, wholeEnd] = [match.index, match.index + match[0].length];
      if (m.fits && !m.fits(folded, whole, wholeEnd)) continue;
      if (claimed.some(([s, e]) => start < e && s < end)) continue;
      claimed.push([start, end]);
      hits.push({ kind: m.kind, value: m.normalize(match[1]!), at: start });
    }
  }
  const seen = new Set<string>();
  return hits
    .sort((a, b) => a.at - b.at)
    .filter((h) => !seen.has(`${h.kind}:${h.value}`) && seen.add(`${h.kind}:${h.value}`))
    .map(({ kind, value }) => ({ kind, value }));
}
