import type Router from '@koa/router';
import { EmulatorError, type EmulatorContext } from '../core/contract';
import { MAX_ARTICLES, newsItem, validateArticle } from './draft-article';
import type { Draft } from './draft-store';
import type { PublishingState } from './publishing-state';
import { intOf, invalidArgs, readJson, sendJson } from './publishing-wire';

/** The draft box (草稿箱), docs/wechat-protocol.md §7.3. */
export function registerDraft(router: Router, emu: EmulatorContext, state: PublishingState): void {
  router.post('/cgi-bin/draft/add', async (ctx) => {
    const account = emu.authenticate(ctx);
    const { articles } = await readJson(ctx);
    if (!Array.isArray(articles) || articles.length === 0) throw new EmulatorError(44003, 'empty news data');
    if (articles.length > MAX_ARTICLES) throw new EmulatorError(45008, 'article size out of limit');
    const media = state.media(account.appId);
    const draft = state.drafts(account.appId).add(articles.map((a) => validateArticle(a, media)), emu.nowSeconds());
    sendJson(ctx, { media_id: draft.mediaId });
  });

  router.post('/cgi-bin/draft/get', async (ctx) => {
    const account = emu.authenticate(ctx);
    const draft = state.drafts(account.appId).require((await readJson(ctx)).media_id);
    sendJson(ctx, { news_item: newsItems(draft), create_time: draft.createTime, update_time: draft.updateTime });
  });

  // index is 0-based here, unlike the 1-based indexes of mass delete and freepublish.
  router.post('/cgi-bin/draft/update', async (ctx) => {
    const account = emu.authenticate(ctx);
    const body = await readJson(ctx);
    const draft = state.drafts(account.appId).require(body.media_id);
    const index = intOf(body.index);
    if (index === null || index < 0 || index >= draft.articles.length) throw invalidArgs('index is out of range');
    draft.articles[index] = validateArticle(body.articles, state.media(account.appId));
    draft.updateTime = emu.nowSeconds();
    sendJson(ctx, { errcode: 0, errmsg: 'ok' });
  });

  router.post('/cgi-bin/draft/delete', async (ctx) => {
    const account = emu.authenticate(ctx);
    state.drafts(account.appId).take((await readJson(ctx)).media_id);
    sendJson(ctx, { errcode: 0, errmsg: 'ok' });
  });

  router.get('/cgi-bin/draft/count', (ctx) => {
    const account = emu.authenticate(ctx);
    sendJson(ctx, { total_count: state.drafts(account.appId).count() });
  });

  router.post('/cgi-bin/draft/batchget', async (ctx) => {
    const account = emu.authenticate(ctx);
    const body = await readJson(ctx);
    const { offset, count } = pageOf(body);
    const all = state.drafts(account.appId).list();
    const page = all.slice(offset, offset + count);
    const noContent = Number(body.no_content ?? 0) === 1;
    sendJson(ctx, {
      total_count: all.length,
      item_count: page.length,
      item: page.map((d) => ({
        media_id: d.mediaId,
        content: { news_item: newsItems(d, noContent), create_time: d.createTime, update_time: d.updateTime },
        update_time: d.updateTime,
      })),
    });
  });
}

function newsItems(draft: Draft, noContent = false) {
  return draft.articles.map((a) => newsItem(a, draft.articles.length === 1, { noContent }));
}

/** batchget paging shared by drafts and published posts: offset ≥ 0, count 1..20. */
export function pageOf(body: Record<string, unknown>): { offset: number; count: number } {
  const offset = intOf(body.offset);
  const count = intOf(body.count);
  if (offset === null || offset < 0) throw invalidArgs('offset must be an integer ≥ 0');
  if (count === null || count < 1 || count > 20) throw invalidArgs('count must be 1..20');
  return { offset, count };
}
