import { EmulatorError } from '../core/contract';
import type { StoredArticle } from './draft-article';
import type { PublishingState } from './publishing-state';

/** A mass payload that passed WeChat's checks (§7.2), ready to record and deliver. */
export interface MassMessage {
  msgtype: string;
  /** The `T: {...}` object as sent. */
  payload: Record<string, unknown>;
  /** mpnews: the draft that sendall/send consume (preview leaves it in the box). */
  draftId: string | null;
  articles: StoredArticle[];
}

const TYPES = new Set(['mpnews', 'text', 'voice', 'images', 'image', 'mpvideo', 'wxcard']);

/**
 * Reads `msgtype` and its payload. Every media reference must exist for this account: mpnews a
 * draft, voice/images an uploaded medium, mpvideo an id from media/uploadvideo.
 */
export function readMassMessage(body: Record<string, unknown>, state: PublishingState, appId: string, now: number): MassMessage {
  const msgtype = body.msgtype;
  if (typeof msgtype !== 'string' || !TYPES.has(msgtype)) throw new EmulatorError(40008, 'invalid message type');
  const raw = body[msgtype];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new EmulatorError(47001, 'data format error');
  const payload = raw as Record<string, unknown>;
  const media = state.media(appId);
  const message: MassMessage = { msgtype, payload, draftId: null, articles: [] };
  switch (msgtype) {
    case 'text':
      if (typeof payload.content !== 'string' || payload.content.trim() === '') throw new EmulatorError(44004, 'empty content');
      break;
    case 'mpnews': {
      const draft = state.drafts(appId).require(payload.media_id);
      message.draftId = draft.mediaId;
      message.articles = draft.articles;
      break;
    }
    case 'voice':
      requireMedia(typeof payload.media_id === 'string' && media.find(payload.media_id, ['voice'], now) !== undefined);
      break;
    case 'image':
      requireMedia(typeof payload.media_id === 'string' && media.find(payload.media_id, ['image'], now) !== undefined);
      break;
    case 'images': {
      const ids = payload.media_ids;
      requireMedia(Array.isArray(ids) && ids.length > 0 && ids.every((id) => typeof id === 'string' && media.find(id, ['image'], now) !== undefined));
      break;
    }
    case 'mpvideo':
      requireMedia(typeof payload.media_id === 'string' && media.massVideos.has(payload.media_id));
      break;
    case 'wxcard':
      if (typeof payload.card_id !== 'string' || payload.card_id === '') throw new EmulatorError(40073, 'invalid card id');
      break;
  }
  return message;
}

function requireMedia(ok: boolean): void {
  if (!ok) throw new EmulatorError(40007, 'invalid media_id');
}

/** What the follower's phone shows: the payload, and for mpnews the article cards. */
export function inboxContent(message: MassMessage, urls: string[]): Record<string, unknown> {
  if (message.msgtype !== 'mpnews') return { ...message.payload };
  return {
    ...message.payload,
    articles: message.articles.map((a, i) => ({ title: a.fields.title, url: urls[i] ?? a.url, thumb_url: a.thumbUrl })),
  };
}
