import { MessageCipher, messageSignature, parseXml } from '../../wechat';
import type { EmulatorAccount } from './contract';

export type ReplyVerdict =
  | { kind: 'none' }
  | { kind: 'reply'; msgType: string; fields: Record<string, unknown> }
  | { kind: 'invalid'; reason: string };

const MAX_NEWS_FOR_EVENTS = 8;

class Invalid extends Error {}
const fail = (reason: string): never => {
  throw new Invalid(reason);
};

/**
 * Reads the webhook's answer as WeChat does (§1.5, §3): an empty body or `success` means "no
 * reply"; anything else must be a well-formed passive reply — in safe mode inside a correctly
 * signed envelope encrypted for this appId, addressed back to the sender, with a known MsgType and
 * its required fields. `isEvent` decides the news limit (1 article for messages, 8 for events).
 */
export function verifyReply(account: EmulatorAccount, openid: string, isEvent: boolean, status: number, body: string): ReplyVerdict {
  try {
    if (status !== 200) fail(`the webhook answered HTTP ${status}`);
    const trimmed = body.trim();
    if (trimmed === '' || trimmed === 'success') return { kind: 'none' };
    const fields = normalizeNews(open(account, parseOrFail(trimmed, 'the reply is not XML')));
    const msgType = checkReply(fields, account, openid, isEvent);
    return { kind: 'reply', msgType, fields };
  } catch (err) {
    if (err instanceof Invalid) return { kind: 'invalid', reason: err.message };
    throw err;
  }
}

function parseOrFail(xml: string, reason: string): Record<string, unknown> {
  try {
    return parseXml(xml);
  } catch (err) {
    return fail(`${reason}: ${(err as Error).message}`);
  }
}

/** Unwraps the §1.5 envelope; a plaintext reply is accepted in plaintext and compatible mode only. */
function open(account: EmulatorAccount, outer: Record<string, unknown>): Record<string, unknown> {
  if (outer.Encrypt === undefined) {
    if (account.mode === 'safe') fail('safe mode needs an encrypted reply envelope');
    return outer;
  }
  if (account.mode === 'plaintext') fail('the account is in plaintext mode but the reply is encrypted');
  const { Encrypt, MsgSignature, TimeStamp, Nonce } = outer;
  if (typeof Encrypt !== 'string' || typeof MsgSignature !== 'string' || typeof TimeStamp !== 'string' || typeof Nonce !== 'string') {
    fail('the envelope needs Encrypt, MsgSignature, TimeStamp and Nonce');
  }
  if (!/^\d+$/.test(TimeStamp as string)) fail('the envelope TimeStamp is not unix seconds');
  if (messageSignature(account.token, TimeStamp as string, Nonce as string, Encrypt as string) !== MsgSignature) {
    fail('the envelope MsgSignature does not verify');
  }
  let inner: string;
  try {
    inner = new MessageCipher(account.encodingAESKey!, account.appId).decrypt(Encrypt as string);
  } catch (err) {
    return fail(`the reply does not decrypt for ${account.appId}: ${(err as Error).message}`);
  }
  return parseOrFail(inner, 'the decrypted reply is not XML');
}

/** Articles/item is one object when there is one article; the phone shows a list either way. */
function normalizeNews(fields: Record<string, unknown>): Record<string, unknown> {
  const articles = fields.Articles;
  if (articles && typeof articles === 'object' && 'item' in articles) {
    const item = (articles as { item: unknown }).item;
    return { ...fields, Articles: { item: Array.isArray(item) ? item : [item] } };
  }
  return fields;
}

function text(fields: Record<string, unknown>, name: string): string | undefined {
  const value = fields[name];
  return typeof value === 'string' ? value : undefined;
}

function nested(fields: Record<string, unknown>, parent: string, name: string): string | undefined {
  const value = fields[parent];
  return value && typeof value === 'object' ? text(value as Record<string, unknown>, name) : undefined;
}

function checkReply(fields: Record<string, unknown>, account: EmulatorAccount, openid: string, isEvent: boolean): string {
  if (text(fields, 'ToUserName') !== openid) fail(`ToUserName must be the follower ${openid}`);
  if (text(fields, 'FromUserName') !== account.originalId) fail(`FromUserName must be the account's ${account.originalId}`);
  if (!/^\d+$/.test(text(fields, 'CreateTime') ?? '')) fail('CreateTime must be unix seconds');
  const msgType = text(fields, 'MsgType') ?? '';
  const need = (ok: boolean, what: string) => ok || fail(`a ${msgType} reply needs ${what}`);
  switch (msgType) {
    case 'text':
      need(!!text(fields, 'Content'), 'a non-empty Content');
      break;
    case 'image':
    case 'voice':
    case 'video': {
      const wrapper = msgType[0]!.toUpperCase() + msgType.slice(1);
      need(!!nested(fields, wrapper, 'MediaId'), `${wrapper}/MediaId`);
      break;
    }
    case 'music':
      need(!!nested(fields, 'Music', 'ThumbMediaId'), 'Music/ThumbMediaId');
      break;
    case 'news': {
      const items = (fields.Articles as { item?: unknown[] } | undefined)?.item ?? [];
      const max = isEvent ? MAX_NEWS_FOR_EVENTS : 1;
      need(items.length >= 1 && items.length <= max, `1 to ${max} articles in answer to ${isEvent ? 'an event' : 'a message'}, not ${items.length}`);
      need(text(fields, 'ArticleCount') === String(items.length), `ArticleCount equal to the ${items.length} articles`);
      need(items.every((i) => !!i && typeof i === 'object' && typeof (i as Record<string, unknown>).Title === 'string'), 'a Title in every article');
      break;
    }
    case 'transfer_customer_service':
      break;
    default:
      fail(`MsgType ${JSON.stringify(msgType)} is not a passive reply type`);
  }
  return msgType;
}
