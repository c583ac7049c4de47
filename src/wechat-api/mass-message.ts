import { ValidationError } from '../shared/errors';
import { WeChatTransportError } from './errors';

/**
 * The message kinds a mass send (群发) carries, in the domain's camelCase, and their wire form
 * (docs/wechat-protocol.md §7.2). Shared by sendall, send and preview, which take the same payload.
 */
export type MassMessage =
  /** An article from draft/add (current guidance) or the legacy media/uploadnews. */
  | { type: 'mpnews'; mediaId: string }
  | { type: 'text'; content: string }
  | { type: 'voice'; mediaId: string }
  /** The current image form; the legacy single `image{media_id}` is not offered. */
  | { type: 'images'; mediaIds: string[]; recommend?: string; needOpenComment?: boolean; onlyFansCanComment?: boolean }
  /** `mediaId` must come from media/uploadvideo (MediaApi.uploadVideoForMass), not a plain video upload. */
  | { type: 'mpvideo'; mediaId: string; title?: string; description?: string }
  | { type: 'wxcard'; cardId: string };

export type MassMessageType = MassMessage['type'];

/** `{"msgtype": T, T: {...}}`, the part every mass endpoint shares. */
export function massMessageToWire(message: MassMessage): Record<string, unknown> {
  switch (message.type) {
    case 'mpnews':
      return { msgtype: 'mpnews', mpnews: { media_id: message.mediaId } };
    case 'text':
      return { msgtype: 'text', text: { content: message.content } };
    case 'voice':
      return { msgtype: 'voice', voice: { media_id: message.mediaId } };
    case 'images':
      return {
        msgtype: 'images',
        images: {
          media_ids: message.mediaIds,
          ...(message.recommend === undefined ? {} : { recommend: message.recommend }),
          // WeChat's flags are 0/1 integers, not JSON booleans.
          ...(message.needOpenComment === undefined ? {} : { need_open_comment: message.needOpenComment ? 1 : 0 }),
          ...(message.onlyFansCanComment === undefined ? {} : { only_fans_can_comment: message.onlyFansCanComment ? 1 : 0 }),
        },
      };
    case 'mpvideo':
      return {
        msgtype: 'mpvideo',
        mpvideo: {
          media_id: message.mediaId,
          ...(message.title === undefined ? {} : { title: message.title }),
          ...(message.description === undefined ? {} : { description: message.description }),
        },
      };
    case 'wxcard':
      return { msgtype: 'wxcard', wxcard: { card_id: message.cardId } };
  }
}

/**
 * A msg_id for a request body. msg_id can exceed 2^53, which no JSON number written by
 * JSON.stringify can carry exactly, so an unsafe id travels as a string; ids that fit stay numbers
 * as WeChat documents them.
 */
export function msgIdToWire(msgId: string): number | string {
  if (!/^\d+$/.test(msgId)) throw new ValidationError(`msg_id must be decimal digits, got ${JSON.stringify(msgId)}`);
  const asNumber = Number(msgId);
  return Number.isSafeInteger(asNumber) ? asNumber : msgId;
}

/** A msg_id/msgid from a response as the string the domain keeps (IDs are strings: they exceed 2^53). */
export function idFromWire(value: unknown, field: string, endpoint: string): string {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return value.toString();
  throw new WeChatTransportError('bad_response', endpoint, `the answer has no usable ${field}: ${JSON.stringify(value)}`);
}
