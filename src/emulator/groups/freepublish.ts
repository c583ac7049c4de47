import type Router from '@koa/router';
import { EmulatorError, type EmulatorContext } from '../core/contract';
import { pageOf } from './draft';
import { newsItem, type StoredArticle } from './draft-article';
import type { PublishingState } from './publishing-state';
import { idOf, intOf, invalidArgs, MP_HELPER_OPENID, opaqueId, perAccount, readJson, sendJson } from './publishing-wire';

interface Publication {
  publishId: string;
  msgDataId: string;
  /** §2.3: 1 publishing → 0 success; 5 once every article was deleted. */
  status: number;
  articleId: string;
  articles: StoredArticle[];
  urls: string[];
  deleted: Set<number>;
  updateTime: number;
}

/** Free publish (发布), docs/wechat-protocol.md §7.4, with the PUBLISHJOBFINISH callback (§2.3). */
export function registerFreePublish(router: Router, emu: EmulatorContext, state: PublishingState): void {
  const publications = perAccount(() => ({ byPublishId: new Map<string, Publication>(), byArticleId: new Map<string, Publication>() }), emu);
  let sequence = 2_247_483_647n;

  router.post('/cgi-bin/freepublish/submit', async (ctx) => {
    const account = emu.authenticate(ctx);
    // Publishing takes the draft out of the box, so a second submit of it is 40007.
    const draft = state.drafts(account.appId).take((await readJson(ctx)).media_id);
    sequence += 1n;
    const pub: Publication = {
      publishId: String(sequence),
      msgDataId: String(sequence + 1_000_000_000n),
      status: 1,
      articleId: '',
      articles: draft.articles,
      urls: [],
      deleted: new Set(),
      updateTime: emu.nowSeconds(),
    };
    publications(account.appId).byPublishId.set(pub.publishId, pub);
    // errcode 0 only means the job was accepted; it finishes a moment later, as on WeChat.
    setImmediate(() => finish(account.appId, pub));
    sendJson(ctx, { errcode: 0, errmsg: 'ok', publish_id: pub.publishId, msg_data_id: pub.msgDataId });
  });

  function finish(appId: string, pub: Publication): void {
    pub.status = 0;
    pub.articleId = opaqueId(32);
    pub.urls = pub.articles.map(() => `https://mp.weixin.qq.com/s/${opaqueId(16)}`);
    pub.updateTime = emu.nowSeconds();
    publications(appId).byArticleId.set(pub.articleId, pub);
    void emu.pushEvent(appId, MP_HELPER_OPENID, {
      Event: 'PUBLISHJOBFINISH',
      PublishEventInfo: { publish_id: BigInt(pub.publishId), publish_status: 0, article_id: pub.articleId, article_detail: detail(pub) },
    });
  }

  router.post('/cgi-bin/freepublish/get', async (ctx) => {
    const account = emu.authenticate(ctx);
    const id = idOf((await readJson(ctx)).publish_id);
    const pub = id === null ? undefined : publications(account.appId).byPublishId.get(id);
    if (!pub) throw new EmulatorError(53502, 'invalid publish_id');
    const done = pub.status !== 1;
    sendJson(ctx, {
      publish_id: pub.publishId,
      publish_status: pub.status,
      ...(done ? { article_id: pub.articleId, article_detail: detail(pub) } : {}),
      fail_idx: [],
    });
  });

  // index is 1-based; 0 or omitted deletes every article (§7.4). Irreversible.
  router.post('/cgi-bin/freepublish/delete', async (ctx) => {
    const account = emu.authenticate(ctx);
    const body = await readJson(ctx);
    const pub = published(account.appId, body.article_id);
    const index = body.index === undefined ? 0 : intOf(body.index);
    if (index === null || index < 0 || index > pub.articles.length) throw invalidArgs('index is out of range');
    if (index === 0) pub.articles.forEach((_a, i) => pub.deleted.add(i + 1));
    else pub.deleted.add(index);
    if (pub.deleted.size === pub.articles.length) pub.status = 5;
    sendJson(ctx, { errcode: 0, errmsg: 'ok' });
  });

  router.post('/cgi-bin/freepublish/getarticle', async (ctx) => {
    const account = emu.authenticate(ctx);
    const pub = published(account.appId, (await readJson(ctx)).article_id);
    sendJson(ctx, { news_item: items(pub, false) });
  });

  router.post('/cgi-bin/freepublish/batchget', async (ctx) => {
    const account = emu.authenticate(ctx);
    const body = await readJson(ctx);
    const { offset, count } = pageOf(body);
    const all = [...publications(account.appId).byArticleId.values()].filter((p) => p.status === 0).reverse();
    const page = all.slice(offset, offset + count);
    const noContent = Number(body.no_content ?? 0) === 1;
    sendJson(ctx, {
      total_count: all.length,
      item_count: page.length,
      item: page.map((p) => ({ article_id: p.articleId, content: { news_item: items(p, noContent) }, update_time: p.updateTime })),
    });
  });

  function published(appId: string, articleId: unknown): Publication {
    const pub = typeof articleId === 'string' ? publications(appId).byArticleId.get(articleId) : undefined;
    if (!pub) throw new EmulatorError(53600, 'invalid article_id');
    return pub;
  }
}

function detail(pub: Publication) {
  return { count: pub.urls.length, item: pub.urls.map((url, i) => ({ idx: i + 1, article_url: url })) };
}

function items(pub: Publication, noContent: boolean) {
  return pub.articles.map((a, i) => ({
    ...newsItem({ ...a, url: pub.urls[i] ?? a.url }, pub.articles.length === 1, { noContent }),
    is_deleted: pub.deleted.has(i + 1),
  }));
}
