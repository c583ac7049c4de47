import { EmulatorError } from '../core/contract';
import type { MediaStore } from './media-store';
import { invalidArgs, opaqueId } from './publishing-wire';

/** A validated article as stored: the snake_case fields WeChat keeps, plus what WeChat adds. */
export interface StoredArticle {
  fields: Record<string, unknown>;
  url: string;
  thumbUrl: string;
}

/** §7.3 limits. Lengths are in characters (code points), as WeChat counts them. */
const TITLE_MAX = 32;
const AUTHOR_MAX = 16;
const DIGEST_MAX = 128;
const CONTENT_MAX_CHARS = 20_000;
const CONTENT_MAX_BYTES = 1024 * 1024;
const SOURCE_URL_MAX_BYTES = 1024;
export const MAX_ARTICLES = 8;
const DEFAULT_DIGEST_CHARS = 54;

const chars = (s: string): number => [...s].length;

/**
 * Checks one article of draft/add or draft/update the way WeChat does and answers what is kept.
 * news needs a permanent thumb; newspic needs permanent images instead.
 */
export function validateArticle(raw: unknown, media: MediaStore): StoredArticle {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new EmulatorError(47001, 'data format error');
  const a = raw as Record<string, unknown>;
  const type = a.article_type ?? 'news';
  if (type !== 'news' && type !== 'newspic') throw invalidArgs('article_type must be news or newspic');
  const title = stringField(a, 'title');
  const content = stringField(a, 'content');
  if (title === '' || content === '') throw new EmulatorError(44003, 'empty news data');
  if (chars(title) > TITLE_MAX) throw new EmulatorError(45003, 'title size out of limit');
  if (chars(stringField(a, 'author')) > AUTHOR_MAX) throw new EmulatorError(45110, 'author size out of limit');
  if (chars(stringField(a, 'digest')) > DIGEST_MAX) throw new EmulatorError(45004, 'description size out of limit');
  if (chars(content) >= CONTENT_MAX_CHARS || Buffer.byteLength(content) >= CONTENT_MAX_BYTES) throw new EmulatorError(45002, 'content size out of limit');
  if (Buffer.byteLength(stringField(a, 'content_source_url')) > SOURCE_URL_MAX_BYTES) throw new EmulatorError(45005, 'url size out of limit');

  let thumbUrl = '';
  if (type === 'news') {
    const thumb = media.findPermanentImage(a.thumb_media_id);
    if (!thumb) throw new EmulatorError(40007, 'invalid media_id');
    thumbUrl = thumb.url ?? `http://mmbiz.qpic.cn/mmbiz_jpg/${thumb.mediaId.slice(0, 24)}/0?wx_fmt=jpeg`;
  } else {
    const list = (a.image_info as { image_list?: unknown } | undefined)?.image_list;
    if (!Array.isArray(list) || list.length === 0) throw new EmulatorError(44003, 'empty news data');
    for (const item of list) {
      if (!media.findPermanentImage((item as { image_media_id?: unknown } | null)?.image_media_id)) throw new EmulatorError(40007, 'invalid media_id');
    }
  }
  const fields: Record<string, unknown> = { ...a, article_type: type, title, content: stripForeignImages(content, media) };
  return { fields, thumbUrl, url: tempUrl() };
}

/**
 * news_item as WeChat answers it. The digest defaults to the start of the text for a
 * single-article post and is empty for multi-article ones (§7.3: digest is single-article only).
 */
export function newsItem(article: StoredArticle, single: boolean, options: { noContent?: boolean } = {}): Record<string, unknown> {
  const f = article.fields;
  const digest = single ? (stringOr(f.digest) || textOf(stringOr(f.content)).slice(0, DEFAULT_DIGEST_CHARS)) : '';
  return {
    article_type: f.article_type,
    title: f.title,
    author: stringOr(f.author),
    digest,
    content: options.noContent ? '' : f.content,
    content_source_url: stringOr(f.content_source_url),
    thumb_media_id: stringOr(f.thumb_media_id),
    show_cover_pic: 0,
    need_open_comment: Number(f.need_open_comment ?? 0) === 1 ? 1 : 0,
    only_fans_can_comment: Number(f.only_fans_can_comment ?? 0) === 1 ? 1 : 0,
    ...(f.pic_crop_235_1 === undefined ? {} : { pic_crop_235_1: f.pic_crop_235_1 }),
    ...(f.pic_crop_1_1 === undefined ? {} : { pic_crop_1_1: f.pic_crop_1_1 }),
    ...(f.image_info === undefined ? {} : { image_info: f.image_info }),
    url: article.url,
    thumb_url: article.thumbUrl,
  };
}

function stringField(a: Record<string, unknown>, key: string): string {
  const value = a[key];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new EmulatorError(47001, 'data format error');
  return value;
}

const stringOr = (value: unknown): string => (typeof value === 'string' ? value : '');
const textOf = (html: string): string => html.replace(/<[^>]*>/g, '').trim();

/** §7.3: images in content must come from media/uploadimg; WeChat filters the others out. */
function stripForeignImages(content: string, media: MediaStore): string {
  return content.replace(/<img\b[^>]*>/gi, (tag) => {
    const src = /\bsrc=["']([^"']+)["']/i.exec(tag)?.[1];
    return src !== undefined && media.articleImageUrls.has(src) ? tag : '';
  });
}

/** A draft's preview link; published articles get permanent ones. */
function tempUrl(): string {
  return `http://mp.weixin.qq.com/s?__biz=MzA3MDM3NjE5NQ==&tempkey=${opaqueId(24)}&chksm=${opaqueId(6)}#rd`;
}
