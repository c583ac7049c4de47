import { EmulatorError } from '../core/contract';

/**
 * The msgtype payloads of §6.1 and what each must carry. Codes: 40008 unknown msgtype, 44004
 * empty text, 40007 missing media_id, 44003 no article, 45008 more than one article (since
 * 2018-10-12), 47001 for anything else malformed.
 */
const REQUIRED: Record<string, string[]> = {
  text: ['content'],
  image: ['media_id'],
  voice: ['media_id'],
  video: ['media_id', 'thumb_media_id'],
  music: ['musicurl', 'hqmusicurl', 'thumb_media_id'],
  news: ['articles'],
  mpnews: ['media_id'],
  mpnewsarticle: ['article_id'],
  msgmenu: ['list'],
  wxcard: ['card_id'],
  miniprogrampage: ['title', 'appid', 'pagepath', 'thumb_media_id'],
};

const fail = (code: number, msg: string): never => {
  throw new EmulatorError(code, msg);
};
const missing = (v: unknown): boolean => v === undefined || v === null || v === '';

/** Returns the msgtype and its payload once they are acceptable. */
export function validatePayload(body: Record<string, unknown>): { msgType: string; payload: Record<string, unknown> } {
  const msgType = body.msgtype;
  if (typeof msgType !== 'string' || !(msgType in REQUIRED)) return fail(40008, 'invalid message type');
  const payload = body[msgType];
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return fail(47001, `data format error, ${msgType} must be an object`);
  const p = payload as Record<string, unknown>;
  for (const field of REQUIRED[msgType]!) {
    if (!missing(p[field])) continue;
    if (field === 'content') fail(44004, 'empty content');
    if (field === 'media_id') fail(40007, 'invalid media_id');
    if (field === 'articles') fail(44003, 'empty news data');
    fail(47001, `data format error, ${msgType}.${field} is required`);
  }
  if (msgType === 'news') checkNews(p.articles);
  if (msgType === 'msgmenu') checkMenu(p.list);
  return { msgType, payload: p };
}

function checkNews(articles: unknown): void {
  if (!Array.isArray(articles)) fail(47001, 'data format error, news.articles must be an array');
  const list = articles as unknown[];
  if (list.length === 0) fail(44003, 'empty news data');
  if (list.length > 1) fail(45008, 'article size out of limit');
  const article = list[0] as Record<string, unknown> | null;
  if (article === null || typeof article !== 'object' || missing(article.title) || missing(article.url)) {
    fail(47001, 'data format error, the article needs a title and a url');
  }
}

function checkMenu(list: unknown): void {
  if (!Array.isArray(list) || list.length === 0) return void fail(47001, 'data format error, msgmenu.list must be a non-empty array');
  for (const option of list as Record<string, unknown>[]) {
    if (option === null || typeof option !== 'object' || missing(option.id) || missing(option.content)) {
      fail(47001, 'data format error, every msgmenu option needs an id and a content');
    }
  }
}

/** What msgrecord shows for a sent message: the text itself, or the msgtype in brackets (an assumption). */
export const recordText = (msgType: string, payload: Record<string, unknown>): string =>
  msgType === 'text' ? String(payload.content) : `[${msgType}]`;
