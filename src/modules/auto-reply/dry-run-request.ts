import { ValidationError } from '../../shared/errors';
import { toInboundMessage, type InboundMessage } from '../../wechat';
import type { DryRunAccount } from './dry-run';

/**
 * The body of a dry run, turned into the very InboundMessage the webhook would build: a field map
 * as parseXml returns it (strings, PascalCase keys), run through the protocol's toInboundMessage.
 *
 *   { "message": { "type": "text", "content": "价格" } }
 *   { "message": { "type": "voice", "recognition": "价格" } }
 *   { "message": { "type": "event", "event": "CLICK", "key": "V1001_TODAY_MUSIC" } }
 *   { "message": { "type": "event", "event": "subscribe", "scene": "spring_campaign" } }
 *   { "message": { "type": "event", "event": "SCAN", "scene": "spring_campaign" } }
 *   { "message": { "type": "image" | "video" | "shortvideo" | "location" | "link" } }
 *   … plus optional "openid" (the follower) and "at" (ISO time or unix seconds; default now).
 */
export const DRY_RUN_OPENID = 'o_dry_run_follower';
const MESSAGE_TYPES = ['text', 'voice', 'image', 'video', 'shortvideo', 'location', 'link', 'event'] as const;

type Raw = Record<string, string>;
interface Problem {
  field: string;
  message: string;
}

export function dryRunMessage(body: unknown, account: DryRunAccount, now: Date): { message: InboundMessage; at: Date } {
  const problems: Problem[] = [];
  const input = asObject(body);
  const msg = asObject(input?.message);
  if (!input) problems.push({ field: '(input)', message: 'must be a JSON object' });
  else if (!msg) problems.push({ field: 'message', message: 'is required: an object such as {"type":"text","content":"hello"}' });
  const openid = input?.openid ?? DRY_RUN_OPENID;
  if (typeof openid !== 'string' || openid.trim() === '' || openid.length > 128) problems.push({ field: 'openid', message: 'must be a non-empty string' });
  const at = parseAt(input?.at, now, problems);
  const fields = msg ? messageFields(msg, problems) : null;
  if (problems.length > 0 || !fields) {
    throw new ValidationError(`the test message is invalid: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, problems);
  }
  const createTime = Math.floor(at.getTime() / 1000);
  const raw: Raw = {
    // Without a known gh_ id the reply is addressed from the AppID, which is still recognisable.
    ToUserName: account.originalId ?? account.appId,
    FromUserName: openid as string,
    CreateTime: String(createTime),
    ...fields,
  };
  if (raw.MsgType !== 'event') raw.MsgId = `${createTime}000001`;
  return { message: toInboundMessage(raw), at };
}

function messageFields(msg: Record<string, unknown>, problems: Problem[]): Raw | null {
  const type = msg.type;
  if (typeof type !== 'string' || !(MESSAGE_TYPES as readonly string[]).includes(type)) {
    problems.push({ field: 'message.type', message: `must be one of: ${MESSAGE_TYPES.join(', ')}` });
    return null;
  }
  const str = (name: string, required: boolean): string | undefined => {
    const v = msg[name];
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'string' || v === '') {
      problems.push({ field: `message.${name}`, message: required ? 'is required: a non-empty string' : 'must be a non-empty string' });
      return undefined;
    }
    return v;
  };
  switch (type) {
    case 'text':
      return { MsgType: 'text', Content: str('content', true) ?? '' };
    case 'voice': {
      const recognition = str('recognition', false);
      return { MsgType: 'voice', MediaId: 'dry_run_media', Format: 'amr', ...(recognition ? { Recognition: recognition } : {}) };
    }
    case 'image':
      return { MsgType: 'image', PicUrl: 'https://example.com/dry-run.jpg', MediaId: 'dry_run_media' };
    case 'video':
    case 'shortvideo':
      return { MsgType: type, MediaId: 'dry_run_media', ThumbMediaId: 'dry_run_thumb' };
    case 'location':
      return { MsgType: 'location', Location_X: '0', Location_Y: '0', Scale: '15', Label: '' };
    case 'link':
      return { MsgType: 'link', Title: 'dry run', Description: '', Url: 'https://example.com/' };
    default:
      return eventFields(str);
  }
}

function eventFields(str: (name: string, required: boolean) => string | undefined): Raw {
  const event = str('event', true) ?? '';
  switch (event) {
    case 'subscribe': {
      // A follow through a parametric QR code carries qrscene_<scene> and the ticket (§2.3).
      const scene = str('scene', false);
      return { MsgType: 'event', Event: event, ...(scene ? { EventKey: `qrscene_${scene}`, Ticket: 'dry_run_ticket' } : {}) };
    }
    case 'SCAN':
      return { MsgType: 'event', Event: event, EventKey: str('scene', true) ?? '', Ticket: 'dry_run_ticket' };
    case 'CLICK':
      return { MsgType: 'event', Event: event, EventKey: str('key', true) ?? '' };
    default: {
      const key = str('key', false);
      return { MsgType: 'event', Event: event, ...(key ? { EventKey: key } : {}) };
    }
  }
}

function parseAt(value: unknown, now: Date, problems: Problem[]): Date {
  if (value === undefined || value === null) return now;
  const seconds = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : null;
  const date = seconds !== null ? new Date(seconds * 1000) : typeof value === 'string' ? new Date(value) : new Date(NaN);
  if (Number.isNaN(date.getTime()) || date.getTime() < 0) {
    problems.push({ field: 'at', message: 'must be an ISO date-time or unix seconds' });
    return now;
  }
  return date;
}

function asObject(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}
