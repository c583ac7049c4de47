import { DraftApi } from '../../../src/wechat-api/draft';
import { WeChatApiError } from '../../../src/wechat-api/errors';
import { FreePublishApi } from '../../../src/wechat-api/freepublish';
import { MassApi } from '../../../src/wechat-api/mass';
import { MediaApi } from '../../../src/wechat-api/media';
import { follow, publishingSetup, until, type PublishingSetup } from './mass-webhook';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0xff, 0xd9]);

async function draftWithCover(setup: PublishingSetup, titles: string[]): Promise<string> {
  const cover = await new MediaApi(setup.client).addPermanent('image', { filename: 'cover.jpg', contentType: 'image/jpeg', data: JPEG });
  return new DraftApi(setup.client).add(titles.map((title) => ({ title, content: `<p>${title}</p>`, thumbMediaId: cover.mediaId, author: 'ops' })));
}

describe('drafts and free publish against the emulator', () => {
  let setup: PublishingSetup;
  afterEach(async () => setup.close());

  it('when a draft is published, then PUBLISHJOBFINISH reaches the webhook, get agrees with it and the draft is gone', async () => {
    setup = await publishingSetup();
    const drafts = new DraftApi(setup.client);
    const publish = new FreePublishApi(setup.client);
    const draftId = await draftWithCover(setup, ['One', 'Two']);
    expect(await drafts.count()).toBe(1);
    expect((await drafts.get(draftId)).map((a) => [a.title, a.author])).toEqual([['One', 'ops'], ['Two', 'ops']]);

    const { publishId } = await publish.submit(draftId);
    const [event] = await setup.webhook.events('PUBLISHJOBFINISH');
    const info = event!.PublishEventInfo as { publish_id: string; publish_status: string; article_id: string; article_detail: { count: string; item: Array<{ idx: string; article_url: string }> } };
    expect(info).toMatchObject({ publish_id: publishId, publish_status: '0' });
    expect(info.article_detail.count).toBe('2');

    const job = await publish.get(publishId);
    expect(job).toMatchObject({ publishId, publishStatus: 0, articleId: info.article_id });
    expect(job.articles).toEqual(info.article_detail.item.map((i) => ({ idx: Number(i.idx), articleUrl: i.article_url })));
    expect(await drafts.count()).toBe(0);
    await expect(drafts.get(draftId)).rejects.toMatchObject({ errcode: 40007 });

    await publish.delete(info.article_id, 1);
    expect((await publish.getArticle(info.article_id)).map((a) => a.isDeleted)).toEqual([true, false]);
    expect((await publish.batchGet({ offset: 0, count: 20 })).items.map((i) => i.articleId)).toEqual([info.article_id]);
  });

  it('when a publish_id is unknown, then WeChatApiError 53502 named invalid_publish_id', async () => {
    setup = await publishingSetup();
    const error = await new FreePublishApi(setup.client).get('12345').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeChatApiError);
    expect(error).toMatchObject({ errcode: 53502, name: 'invalid_publish_id' });
  });

  it('when a draft is mass-sent as mpnews, then followers get the article cards and the callback lists the article URLs', async () => {
    setup = await publishingSetup();
    follow(setup, ['oA', 'oB']);
    const draftId = await draftWithCover(setup, ['Weekly']);
    const sent = await new MassApi(setup.client).sendAll({ filter: { isToAll: true }, message: { type: 'mpnews', mediaId: draftId } });
    expect(sent).toMatchObject({ outcome: 'submitted', msgDataId: expect.stringMatching(/^\d+$/) });
    const [event] = await setup.webhook.events('MASSSENDJOBFINISH');
    const urls = event!.ArticleUrlResult as { Count: string; ResultList: { item: { ArticleIdx: string; ArticleUrl: string } } };
    expect(urls.Count).toBe('1');
    const appId = setup.emulator.account.appId;
    await until(() => setup.emulator.emu.inbox(appId, 'oB').length === 1);
    expect(setup.emulator.emu.inbox(appId, 'oB')[0]).toMatchObject({ source: 'mass', msgType: 'mpnews', content: { articles: [{ title: 'Weekly', url: urls.ResultList.item.ArticleUrl }] } });
    expect(await new DraftApi(setup.client).count()).toBe(0);
  });
});
