import { WeChatProtocolError } from './errors';
import type { InboundMessage } from './messages';
import { cdata } from './xml';

export interface NewsArticle {
  title: string;
  description?: string;
  picUrl?: string;
  url?: string;
}

/** A passive reply (§3). Multimedia replies need a media_id uploaded beforehand. */
export type Reply =
  | { type: 'text'; content: string }
  | { type: 'image'; mediaId: string }
  | { type: 'voice'; mediaId: string }
  | { type: 'video'; mediaId: string; title?: string; description?: string }
  | { type: 'music'; title?: string; description?: string; musicUrl?: string; hqMusicUrl?: string; thumbMediaId: string }
  | { type: 'news'; articles: NewsArticle[] }
  | { type: 'transfer_customer_service'; kfAccount?: string };

export interface ReplyAddress {
  /** The follower's openid: the inbound FromUserName. */
  toUser: string;
  /** The account's gh_ id: the inbound ToUserName. */
  fromUser: string;
  /** Unix seconds. */
  createTime: number;
}

const MAX_NEWS_ARTICLES = 8;

/**
 * How many news articles WeChat accepts in this reply: since 2018-10-12 only 1 when answering a
 * follower's own message, up to 8 in answer to an event.
 */
export function maxNewsArticles(msg: InboundMessage): 1 | 8 {
  return msg.msgType === 'event' ? 8 : 1;
}

/** The reply as WeChat accepts it in answer to `msg`: news cut to maxNewsArticles, anything else unchanged (same object). */
export function fitReplyTo(reply: Reply, msg: InboundMessage): Reply {
  const max = maxNewsArticles(msg);
  return reply.type === 'news' && reply.articles.length > max ? { ...reply, articles: reply.articles.slice(0, max) } : reply;
}

/** `<Name><![CDATA[value]]></Name>`, or nothing when the optional value is absent. */
function element(name: string, value: string | undefined): string {
  return value === undefined ? '' : `<${name}>${cdata(value)}</${name}>`;
}

function body(reply: Reply): string {
  switch (reply.type) {
    case 'text':
      return element('Content', reply.content);
    case 'image':
      return `<Image>${element('MediaId', reply.mediaId)}</Image>`;
    case 'voice':
      return `<Voice>${element('MediaId', reply.mediaId)}</Voice>`;
    case 'video':
      return `<Video>${element('MediaId', reply.mediaId)}${element('Title', reply.title)}${element('Description', reply.description)}</Video>`;
    case 'music':
      return `<Music>${element('Title', reply.title)}${element('Description', reply.description)}${element('MusicUrl', reply.musicUrl)}`
        + `${element('HQMusicUrl', reply.hqMusicUrl)}${element('ThumbMediaId', reply.thumbMediaId)}</Music>`;
    case 'news':
      return newsBody(reply.articles);
    case 'transfer_customer_service':
      // No body routes to any agent; TransInfo/KfAccount asks for one agent, whom the follower then waits for.
      return reply.kfAccount === undefined ? '' : `<TransInfo>${element('KfAccount', reply.kfAccount)}</TransInfo>`;
    default:
      // Replies can come from stored rules (JSON), so a type TypeScript never saw can still arrive here.
      throw WeChatProtocolError.of('reply_invalid', `there is no passive reply of type ${String((reply as { type: unknown }).type)}`);
  }
}

function newsBody(articles: NewsArticle[]): string {
  if (articles.length === 0 || articles.length > MAX_NEWS_ARTICLES) {
    throw WeChatProtocolError.of('reply_invalid', `a news reply needs 1 to ${MAX_NEWS_ARTICLES} articles, not ${articles.length}`);
  }
  let items = '';
  for (const a of articles) {
    items += `<item>${element('Title', a.title)}${element('Description', a.description)}${element('PicUrl', a.picUrl)}${element('Url', a.url)}</item>`;
  }
  return `<ArticleCount>${articles.length}</ArticleCount><Articles>${items}</Articles>`;
}

/** Renders the passive reply XML. Built as a string: it runs inside WeChat's 5-second budget on every reply. */
export function renderReply(reply: Reply, to: ReplyAddress): string {
  if (!Number.isSafeInteger(to.createTime) || to.createTime < 0) {
    throw WeChatProtocolError.of('reply_invalid', 'CreateTime must be whole unix seconds');
  }
  return `<xml>${element('ToUserName', to.toUser)}${element('FromUserName', to.fromUser)}<CreateTime>${to.createTime}</CreateTime>`
    + `${element('MsgType', reply.type)}${body(reply)}</xml>`;
}
