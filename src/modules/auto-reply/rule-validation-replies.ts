import { isObject, type Problems, type Raw } from './rule-validation-check';
import { LIMITS } from './rule-validation-limits';

const REPLY_TYPES = ['text', 'image', 'voice', 'video', 'music', 'news', 'transfer_customer_service'] as const;

const FIELDS: Record<(typeof REPLY_TYPES)[number], readonly string[]> = {
  text: ['content'],
  image: ['mediaId'],
  voice: ['mediaId'],
  video: ['mediaId', 'title', 'description'],
  music: ['thumbMediaId', 'title', 'description', 'musicUrl', 'hqMusicUrl'],
  news: ['articles'],
  transfer_customer_service: ['kfAccount'],
};

/** Checks one reply content at `field` (e.g. 'replies[1]'); `forEvent` when the trigger is an event. */
export function checkReply(p: Problems, reply: unknown, field: string, forEvent: boolean): void {
  if (!isObject(reply)) return p.add(field, 'must be an object');
  if (!p.oneOf(reply.type, `${field}.type`, REPLY_TYPES)) return;
  const type = reply.type as (typeof REPLY_TYPES)[number];
  p.unknownKeys(reply, ['type', ...FIELDS[type]], field);
  const f = (name: string) => `${field}.${name}`;
  switch (type) {
    case 'text':
      return p.text(reply.content, f('content'), LIMITS.textReplyChars);
    case 'image':
    case 'voice':
      return p.text(reply.mediaId, f('mediaId'), LIMITS.mediaIdChars);
    case 'video':
      p.text(reply.mediaId, f('mediaId'), LIMITS.mediaIdChars);
      p.text(reply.title, f('title'), LIMITS.titleChars, { optional: true, min: 0 });
      return p.text(reply.description, f('description'), LIMITS.descriptionChars, { optional: true, min: 0 });
    case 'music':
      p.text(reply.thumbMediaId, f('thumbMediaId'), LIMITS.mediaIdChars);
      p.text(reply.title, f('title'), LIMITS.titleChars, { optional: true, min: 0 });
      p.text(reply.description, f('description'), LIMITS.descriptionChars, { optional: true, min: 0 });
      p.text(reply.musicUrl, f('musicUrl'), LIMITS.urlChars, { optional: true, min: 0 });
      return p.text(reply.hqMusicUrl, f('hqMusicUrl'), LIMITS.urlChars, { optional: true, min: 0 });
    case 'news':
      return p.array(reply.articles, f('articles'), 1, LIMITS.newsArticles).forEach((a, i) => checkArticle(p, a, `${f('articles')}[${i}]`));
    case 'transfer_customer_service':
      // WeChat forwards only real user messages to customer service, never events (§3).
      if (forEvent) p.add(field, 'cannot answer an event: only a follower\'s message can be transferred to customer service');
      return p.text(reply.kfAccount, f('kfAccount'), LIMITS.kfAccountChars, { optional: true });
  }
}

function checkArticle(p: Problems, article: unknown, field: string): void {
  if (!isObject(article)) return p.add(field, 'must be an object');
  p.unknownKeys(article as Raw, ['title', 'description', 'picUrl', 'url'], field);
  p.text(article.title, `${field}.title`, LIMITS.titleChars);
  p.text(article.description, `${field}.description`, LIMITS.descriptionChars, { optional: true, min: 0 });
  p.text(article.picUrl, `${field}.picUrl`, LIMITS.urlChars, { optional: true, min: 0 });
  p.text(article.url, `${field}.url`, LIMITS.urlChars, { optional: true, min: 0 });
}
