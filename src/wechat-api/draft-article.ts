/**
 * One article of a draft or a published post, in camelCase, and its snake_case wire form
 * (docs/wechat-protocol.md §7.3). Drafts and free publish share the shape.
 */
export interface ArticleInput {
  /** 'news' (default, a classic article) or 'newspic' (picture post). */
  articleType?: 'news' | 'newspic';
  /** ≤ 32 characters. */
  title: string;
  /** ≤ 16 characters. */
  author?: string;
  /** ≤ 128 characters; single-article drafts only (WeChat defaults it to the first 54 characters). */
  digest?: string;
  /** HTML; images must be URLs from media/uploadimg (WeChat filters other hosts). */
  content: string;
  contentSourceUrl?: string;
  /** A permanent image material id; required for 'news'. */
  thumbMediaId?: string;
  needOpenComment?: boolean;
  onlyFansCanComment?: boolean;
  picCrop2351?: string;
  picCrop11?: string;
  /** 'newspic' images: permanent image material ids. */
  imageMediaIds?: string[];
}

/** An article as WeChat reads it back: what was given plus the fields WeChat fills in. */
export interface Article extends ArticleInput {
  url: string;
  thumbUrl?: string;
  showCoverPic?: boolean;
  /** Free publish only: the article was deleted after publication. */
  isDeleted?: boolean;
}

export type WireArticle = Record<string, unknown>;

export function articleToWire(article: ArticleInput): WireArticle {
  const wire: WireArticle = { title: article.title, content: article.content };
  if (article.articleType !== undefined) wire.article_type = article.articleType;
  if (article.author !== undefined) wire.author = article.author;
  if (article.digest !== undefined) wire.digest = article.digest;
  if (article.contentSourceUrl !== undefined) wire.content_source_url = article.contentSourceUrl;
  if (article.thumbMediaId !== undefined) wire.thumb_media_id = article.thumbMediaId;
  // WeChat's flags are 0/1 integers.
  if (article.needOpenComment !== undefined) wire.need_open_comment = article.needOpenComment ? 1 : 0;
  if (article.onlyFansCanComment !== undefined) wire.only_fans_can_comment = article.onlyFansCanComment ? 1 : 0;
  if (article.picCrop2351 !== undefined) wire.pic_crop_235_1 = article.picCrop2351;
  if (article.picCrop11 !== undefined) wire.pic_crop_1_1 = article.picCrop11;
  if (article.imageMediaIds !== undefined) {
    wire.image_info = { image_list: article.imageMediaIds.map((id) => ({ image_media_id: id })) };
  }
  return wire;
}

export function articleFromWire(wire: WireArticle): Article {
  const str = (key: string): string | undefined => (typeof wire[key] === 'string' ? (wire[key] as string) : undefined);
  const flag = (key: string): boolean | undefined => (wire[key] === undefined ? undefined : Number(wire[key]) === 1 || wire[key] === true);
  const article: Article = { title: str('title') ?? '', content: str('content') ?? '', url: str('url') ?? '' };
  const articleType = str('article_type');
  if (articleType === 'news' || articleType === 'newspic') article.articleType = articleType;
  assign(article, 'author', str('author'));
  assign(article, 'digest', str('digest'));
  assign(article, 'contentSourceUrl', str('content_source_url'));
  assign(article, 'thumbMediaId', str('thumb_media_id'));
  assign(article, 'thumbUrl', str('thumb_url'));
  assign(article, 'picCrop2351', str('pic_crop_235_1'));
  assign(article, 'picCrop11', str('pic_crop_1_1'));
  assign(article, 'needOpenComment', flag('need_open_comment'));
  assign(article, 'onlyFansCanComment', flag('only_fans_can_comment'));
  assign(article, 'showCoverPic', flag('show_cover_pic'));
  assign(article, 'isDeleted', flag('is_deleted'));
  const images = (wire.image_info as { image_list?: Array<{ image_media_id?: unknown }> } | undefined)?.image_list;
  if (Array.isArray(images)) article.imageMediaIds = images.map((i) => String(i.image_media_id ?? ''));
  return article;
}

function assign<K extends keyof Article>(article: Article, key: K, value: Article[K] | undefined): void {
  if (value !== undefined) article[key] = value;
}

/** A page of drafts or published posts (batchget): `offset` from 0, `count` 1..20. */
export interface PageRequest {
  offset: number;
  count: number;
  /** Leave out the articles' `content` (smaller answers when only listing). */
  noContent?: boolean;
}
