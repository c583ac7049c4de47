import type { ReplyContent } from './auto-reply';

/** A reply that goes out through the customer-service API instead of the passive answer. */
export interface FollowUpSender {
  /** Sends in order; failures (window closed 45015, quota 45047 …) are the sender's to log, never thrown. */
  send(appId: string, openid: string, replies: readonly ReplyContent[]): Promise<void>;
}

/**
 * The customer-service message for a reply, or null when the API has no equivalent: a video
 * needs a thumbnail the passive form does not, music needs its URLs, and a transfer to customer
 * service only exists as a passive reply. News goes out with its first article: since 2018 the
 * customer-service API takes one (45008 otherwise).
 */
export function toCustomMessage(reply: ReplyContent): CustomMessageLike | null {
  switch (reply.type) {
    case 'text':
      return { type: 'text', content: reply.content };
    case 'image':
    case 'voice':
      return { type: reply.type, mediaId: reply.mediaId };
    case 'news': {
      const [first] = reply.articles;
      return first && first.url ? { type: 'news', article: { title: first.title, url: first.url, description: first.description, picUrl: first.picUrl } } : null;
    }
    case 'music':
      return reply.musicUrl && reply.hqMusicUrl ? { type: 'music', musicUrl: reply.musicUrl, hqMusicUrl: reply.hqMusicUrl, thumbMediaId: reply.thumbMediaId, title: reply.title, description: reply.description } : null;
    default:
      return null;
  }
}

/** The subset of wechat-api's CustomMessage this module produces (kept structural: modules do not import the client). */
export type CustomMessageLike =
  | { type: 'text'; content: string }
  | { type: 'image' | 'voice'; mediaId: string }
  | { type: 'news'; article: { title: string; url: string; description?: string; picUrl?: string } }
  | { type: 'music'; musicUrl: string; hqMusicUrl: string; thumbMediaId: string; title?: string; description?: string };
