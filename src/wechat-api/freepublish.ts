import { ValidationError } from '../shared/errors';
import type { ApiCaller } from './caller';
import { checkPage } from './draft';
import { articleFromWire, type Article, type PageRequest, type WireArticle } from './draft-article';
import { idFromWire } from './mass-message';

/** §2.3: 0 success, 1 publishing, 2 originality failed, 3 failed, 4 rejected, 5 all deleted, 6 all banned. */
export type PublishStatus = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface PublishJob {
  publishId: string;
  publishStatus: PublishStatus;
  /** Present once published. */
  articleId: string | null;
  articles: Array<{ idx: number; articleUrl: string }>;
  /** 1-based indexes of the articles that failed. */
  failIdx: number[];
}

export interface PublishedPage {
  totalCount: number;
  itemCount: number;
  items: Array<{ articleId: string; articles: Article[]; updateTime: number }>;
}

/**
 * Free publish (发布): puts a draft on the account's pages without pushing it to followers,
 * docs/wechat-protocol.md §7.4. Completion arrives as PUBLISHJOBFINISH.
 */
export class FreePublishApi {
  constructor(private readonly api: ApiCaller) {}

  /**
   * Starts publishing a draft (which leaves the draft box). Accepted is not published: poll `get`
   * or wait for PUBLISHJOBFINISH.
   * https://developers.weixin.qq.com/doc/offiaccount/Publish/Publish.html
   */
  async submit(draftMediaId: string): Promise<{ publishId: string; msgDataId: string | null }> {
    const endpoint = '/cgi-bin/freepublish/submit';
    const body = await this.api.post<{ publish_id: unknown; msg_data_id?: unknown }>(endpoint, { media_id: draftMediaId });
    return {
      publishId: idFromWire(body.publish_id, 'publish_id', endpoint),
      msgDataId: body.msg_data_id === undefined ? null : idFromWire(body.msg_data_id, 'msg_data_id', endpoint),
    };
  }

  /** https://developers.weixin.qq.com/doc/offiaccount/Publish/Get_status.html */
  async get(publishId: string): Promise<PublishJob> {
    const endpoint = '/cgi-bin/freepublish/get';
    const body = await this.api.post<{
      publish_id: unknown;
      publish_status: PublishStatus;
      article_id?: string;
      article_detail?: { count: number; item?: Array<{ idx: number; article_url: string }> };
      fail_idx?: number[];
    }>(endpoint, { publish_id: publishId });
    return {
      publishId: idFromWire(body.publish_id, 'publish_id', endpoint),
      publishStatus: body.publish_status,
      articleId: body.article_id ? body.article_id : null,
      articles: (body.article_detail?.item ?? []).map((i) => ({ idx: i.idx, articleUrl: i.article_url })),
      failIdx: body.fail_idx ?? [],
    };
  }

  /**
   * Irreversible. `index` is 1-based; omitted deletes every article of the post.
   * https://developers.weixin.qq.com/doc/offiaccount/Publish/Delete_posts.html
   */
  async delete(articleId: string, index?: number): Promise<void> {
    if (index !== undefined && (!Number.isInteger(index) || index < 0)) throw new ValidationError(`index is 1-based (0 = all), got ${index}`);
    await this.api.post('/cgi-bin/freepublish/delete', { article_id: articleId, ...(index ? { index } : {}) });
  }

  /** https://developers.weixin.qq.com/doc/offiaccount/Publish/Get_article_from_id.html */
  async getArticle(articleId: string): Promise<Article[]> {
    const body = await this.api.post<{ news_item: WireArticle[] }>('/cgi-bin/freepublish/getarticle', { article_id: articleId });
    return body.news_item.map(articleFromWire);
  }

  /** https://developers.weixin.qq.com/doc/offiaccount/Publish/Get_publication_records.html */
  async batchGet(page: PageRequest): Promise<PublishedPage> {
    checkPage(page);
    const body = await this.api.post<{
      total_count: number;
      item_count: number;
      item?: Array<{ article_id: string; content: { news_item: WireArticle[] }; update_time: number }>;
    }>('/cgi-bin/freepublish/batchget', { offset: page.offset, count: page.count, no_content: page.noContent ? 1 : 0 });
    return {
      totalCount: body.total_count,
      itemCount: body.item_count,
      items: (body.item ?? []).map((i) => ({ articleId: i.article_id, articles: i.content.news_item.map(articleFromWire), updateTime: i.update_time })),
    };
  }
}
