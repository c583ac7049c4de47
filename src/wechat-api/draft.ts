import { ValidationError } from '../shared/errors';
import type { ApiCaller } from './caller';
import { articleFromWire, articleToWire, type Article, type ArticleInput, type PageRequest, type WireArticle } from './draft-article';

export type { Article, ArticleInput, PageRequest } from './draft-article';

export interface DraftPage {
  totalCount: number;
  itemCount: number;
  items: Array<{ mediaId: string; articles: Article[]; updateTime: number }>;
}

/**
 * The draft box (草稿箱), docs/wechat-protocol.md §7.3. A draft's media_id is what mass sends
 * (mpnews) and free publish take; WeChat removes the draft once it is sent or published.
 */
export class DraftApi {
  constructor(private readonly api: ApiCaller) {}

  /** https://developers.weixin.qq.com/doc/offiaccount/Draft_Box/Add_draft.html */
  async add(articles: ArticleInput[]): Promise<string> {
    if (articles.length === 0) throw new ValidationError('a draft needs at least one article');
    const body = await this.api.post<{ media_id: string }>('/cgi-bin/draft/add', { articles: articles.map(articleToWire) });
    return body.media_id;
  }

  /** https://developers.weixin.qq.com/doc/offiaccount/Draft_Box/Get_draft.html */
  async get(mediaId: string): Promise<Article[]> {
    const body = await this.api.post<{ news_item: WireArticle[] }>('/cgi-bin/draft/get', { media_id: mediaId });
    return body.news_item.map(articleFromWire);
  }

  /**
   * Replace one article; `index` is 0-based (unlike freepublish and mass delete, which count from 1).
   * https://developers.weixin.qq.com/doc/offiaccount/Draft_Box/Update_draft.html
   */
  async update(mediaId: string, index: number, article: ArticleInput): Promise<void> {
    if (!Number.isInteger(index) || index < 0) throw new ValidationError(`index is 0-based, got ${index}`);
    await this.api.post('/cgi-bin/draft/update', { media_id: mediaId, index, articles: articleToWire(article) });
  }

  /** Irreversible. https://developers.weixin.qq.com/doc/offiaccount/Draft_Box/Delete_draft.html */
  async delete(mediaId: string): Promise<void> {
    await this.api.post('/cgi-bin/draft/delete', { media_id: mediaId });
  }

  /** https://developers.weixin.qq.com/doc/offiaccount/Draft_Box/Count_drafts.html */
  async count(): Promise<number> {
    const body = await this.api.get<{ total_count: number }>('/cgi-bin/draft/count');
    return body.total_count;
  }

  /** https://developers.weixin.qq.com/doc/offiaccount/Draft_Box/Get_draft_list.html */
  async batchGet(page: PageRequest): Promise<DraftPage> {
    checkPage(page);
    const body = await this.api.post<{
      total_count: number;
      item_count: number;
      item?: Array<{ media_id: string; content: { news_item: WireArticle[] }; update_time: number }>;
    }>('/cgi-bin/draft/batchget', { offset: page.offset, count: page.count, no_content: page.noContent ? 1 : 0 });
    return {
      totalCount: body.total_count,
      itemCount: body.item_count,
      items: (body.item ?? []).map((i) => ({ mediaId: i.media_id, articles: i.content.news_item.map(articleFromWire), updateTime: i.update_time })),
    };
  }
}

/** batchget pages: WeChat takes 1..20 items from a 0-based offset. */
export function checkPage(page: PageRequest): void {
  if (!Number.isInteger(page.offset) || page.offset < 0) throw new ValidationError(`offset must be ≥ 0, got ${page.offset}`);
  if (!Number.isInteger(page.count) || page.count < 1 || page.count > 20) throw new ValidationError(`count must be 1..20, got ${page.count}`);
}
