import { newsItemFromWire, type MaterialNewsItem, type WireNewsItem } from './menu-selfmenu';

/**
 * get_current_autoreply_info: the auto-reply rules set in the MP console, read-only through the
 * API. Field names follow the official page "获取公众号的自动回复规则"
 * (https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Getting_Rules_for_Auto_Replies.html).
 */
export type AutoReplyType = 'text' | 'img' | 'voice' | 'video' | 'news';

export interface AutoReplyContent {
  type: AutoReplyType;
  /** text: the text; img/voice: a media id; video: a URL (as the official sample shows). Absent for news. */
  content?: string;
  /** news: the articles of the material. */
  news?: MaterialNewsItem[];
}

export interface KeywordRule {
  ruleName: string;
  /** Unix seconds. */
  createTime: number;
  /** Send every reply, or one at random. */
  replyMode: 'reply_all' | 'random_one';
  keywords: { type: string; matchMode: 'contain' | 'equal'; content: string }[];
  replies: AutoReplyContent[];
}

export interface AutoReplyInfo {
  addFriendReplyOpen: boolean;
  autoReplyOpen: boolean;
  /** Reply to a new follower; null when none is set. */
  addFriendReply: AutoReplyContent | null;
  /** Reply when no keyword matches; null when none is set. */
  defaultReply: AutoReplyContent | null;
  keywordRules: KeywordRule[];
}

interface WireReply {
  type?: string;
  content?: string;
  news_info?: { list?: WireNewsItem[] };
}

export interface WireAutoReplyInfo {
  is_add_friend_reply_open?: number | string;
  is_autoreply_open?: number | string;
  add_friend_autoreply_info?: WireReply;
  message_default_autoreply_info?: WireReply;
  keyword_autoreply_info?: {
    list?: {
      rule_name?: string;
      create_time?: number | string;
      reply_mode?: string;
      keyword_list_info?: { type?: string; match_mode?: string; content?: string }[];
      reply_list_info?: WireReply[];
    }[];
  };
}

function replyFromWire(w: WireReply): AutoReplyContent {
  const reply: AutoReplyContent = { type: (w.type ?? 'text') as AutoReplyType };
  if (w.content !== undefined) reply.content = w.content;
  if (w.news_info) reply.news = (w.news_info.list ?? []).map(newsItemFromWire);
  return reply;
}

const optionalReply = (w: WireReply | undefined): AutoReplyContent | null => (w && w.type ? replyFromWire(w) : null);

export const autoReplyInfoFromWire = (w: WireAutoReplyInfo): AutoReplyInfo => ({
  addFriendReplyOpen: Number(w.is_add_friend_reply_open ?? 0) === 1,
  autoReplyOpen: Number(w.is_autoreply_open ?? 0) === 1,
  addFriendReply: optionalReply(w.add_friend_autoreply_info),
  defaultReply: optionalReply(w.message_default_autoreply_info),
  keywordRules: (w.keyword_autoreply_info?.list ?? []).map((r) => ({
    ruleName: r.rule_name ?? '',
    createTime: Number(r.create_time ?? 0),
    replyMode: r.reply_mode === 'random_one' ? 'random_one' : 'reply_all',
    keywords: (r.keyword_list_info ?? []).map((k) => ({
      type: k.type ?? 'text',
      matchMode: k.match_mode === 'equal' ? 'equal' : 'contain',
      content: k.content ?? '',
    })),
    replies: (r.reply_list_info ?? []).map(replyFromWire),
  })),
});
