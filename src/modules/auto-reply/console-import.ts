import type { Keyword, NewsArticleContent, ReplyContent, Trigger } from './auto-reply';
import type { RuleFields } from './import-export';

/**
 * Converting the rules an operator set in the MP console (get_current_autoreply_info) into ours.
 * The shapes below mirror wechat-api's AutoReplyInfo structurally: modules do not import the client.
 */
export interface ConsoleReply {
  type: string;
  /** text: the text; img/voice: a media id; video: a URL. */
  content?: string;
  news?: { title: string; digest: string; coverUrl: string; contentUrl: string }[];
}

export interface ConsoleRules {
  addFriendReplyOpen: boolean;
  autoReplyOpen: boolean;
  addFriendReply: ConsoleReply | null;
  defaultReply: ConsoleReply | null;
  keywordRules: {
    ruleName: string;
    replyMode: 'reply_all' | 'random_one';
    keywords: { type: string; matchMode: 'contain' | 'equal'; content: string }[];
    replies: ConsoleReply[];
  }[];
}

/** Something of the console's configuration that has no faithful equivalent here. Never dropped silently. */
export interface ConsoleSkip {
  /** Where it is, in AutoReplyInfo's terms, e.g. `keywordRules[2].replies[1]`. */
  source: string;
  ruleName?: string;
  reason: string;
}

export interface ConsoleConversion {
  /** Our rules, not yet validated, each with where it came from. */
  rules: { source: string; fields: RuleFields }[];
  skipped: ConsoleSkip[];
}

/** WeChat's rule (§3): 1 article when answering a follower's message; 8 for events such as a follow. */
const MESSAGE_NEWS_LIMIT = 1;
const EVENT_NEWS_LIMIT = 8;

/**
 * Keyword rules keep the console's meaning: 全匹配 (equal) is exact, 半匹配 (contain) is contains,
 * reply_all sends every reply, random_one one of them. The follow reply becomes a subscribe rule,
 * the message default reply a default rule. A rule is imported enabled only when its console switch
 * is on, so importing never turns on what the operator had switched off.
 */
export function convertConsoleRules(info: ConsoleRules): ConsoleConversion {
  const out: ConsoleConversion = { rules: [], skipped: [] };
  info.keywordRules.forEach((r, i) => {
    const source = `keywordRules[${i}]`;
    const name = r.ruleName.trim() || `console rule ${i + 1}`;
    const keywords: Keyword[] = r.keywords.map((k) => ({ text: k.content, mode: k.matchMode === 'equal' ? 'exact' : 'contains' }));
    const trigger: Trigger = { kind: 'keyword', keywords };
    add(out, source, name, trigger, r.replies, MESSAGE_NEWS_LIMIT, r.replyMode === 'random_one' ? 'random' : 'all', info.autoReplyOpen);
  });
  if (info.addFriendReply) {
    add(out, 'addFriendReply', '关注回复 (from the MP console)', { kind: 'subscribe' }, [info.addFriendReply], EVENT_NEWS_LIMIT, 'all', info.addFriendReplyOpen);
  }
  if (info.defaultReply) {
    add(out, 'defaultReply', '收到消息回复 (from the MP console)', { kind: 'default' }, [info.defaultReply], MESSAGE_NEWS_LIMIT, 'all', info.autoReplyOpen);
  }
  return out;
}

function add(
  out: ConsoleConversion,
  source: string,
  name: string,
  trigger: Trigger,
  replies: ConsoleReply[],
  newsLimit: number,
  replyMode: RuleFields['replyMode'],
  enabled: boolean,
): void {
  const mapped: ReplyContent[] = [];
  replies.forEach((reply, j) => {
    const where = replies.length === 1 && !source.startsWith('keyword') ? source : `${source}.replies[${j}]`;
    const result = mapReply(reply, newsLimit);
    if ('reason' in result) out.skipped.push({ source: where, ruleName: name, reason: result.reason });
    else {
      mapped.push(result.reply);
      if (result.note) out.skipped.push({ source: where, ruleName: name, reason: result.note });
    }
  });
  if (mapped.length === 0) {
    out.skipped.push({ source, ruleName: name, reason: 'no reply of this rule could be converted, so the rule was not imported' });
    return;
  }
  out.rules.push({ source, fields: { name, trigger, replies: mapped, replyMode, priority: 0, enabled, activeWindows: [], cooldownMinutes: 0 } });
}

type Mapped = { reply: ReplyContent; note?: string } | { reason: string };

function mapReply(reply: ConsoleReply, newsLimit: number): Mapped {
  const content = reply.content ?? '';
  switch (reply.type) {
    case 'text':
      return content === '' ? { reason: 'the text reply is empty' } : { reply: { type: 'text', content } };
    case 'img':
      return content === '' ? { reason: 'the image reply has no media id' } : { reply: { type: 'image', mediaId: content } };
    case 'voice':
      return content === '' ? { reason: 'the voice reply has no media id' } : { reply: { type: 'voice', mediaId: content } };
    case 'video':
      // The console hands out a video page URL, but a passive video reply needs a media_id.
      return { reason: `the video reply is a URL (${content || 'none'}), and a video reply needs a media_id: upload the video and add the reply by hand` };
    case 'news':
      return mapNews(reply, newsLimit);
    default:
      return { reason: `the console reply type ${JSON.stringify(reply.type)} has no equivalent here` };
  }
}

function mapNews(reply: ConsoleReply, limit: number): Mapped {
  const articles: NewsArticleContent[] = (reply.news ?? []).map((n) => ({
    title: n.title,
    ...(n.digest ? { description: n.digest } : {}),
    ...(n.coverUrl ? { picUrl: n.coverUrl } : {}),
    ...(n.contentUrl ? { url: n.contentUrl } : {}),
  }));
  if (articles.length === 0) return { reason: 'the news reply has no articles' };
  if (articles.length <= limit) return { reply: { type: 'news', articles } };
  return {
    reply: { type: 'news', articles: articles.slice(0, limit) },
    note: `the news reply has ${articles.length} articles; WeChat allows ${limit} here, so only the first ${limit === 1 ? 'is' : `${limit} are`} kept`,
  };
}
