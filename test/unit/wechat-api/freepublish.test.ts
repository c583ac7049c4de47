import { ValidationError } from '../../../src/shared/errors';
import { FreePublishApi } from '../../../src/wechat-api/freepublish';
import { fakeCaller, onlyCall } from './publishing-fake-caller';

describe('FreePublishApi', () => {
  it('when submitting a draft, then publish_id and msg_data_id come back as strings', async () => {
    const caller = fakeCaller(() => ({ errcode: 0, publish_id: 2247483648, msg_data_id: '3247483648' }));
    await expect(new FreePublishApi(caller).submit('D1')).resolves.toEqual({ publishId: '2247483648', msgDataId: '3247483648' });
    expect(onlyCall(caller)).toMatchObject({ path: '/cgi-bin/freepublish/submit', body: { media_id: 'D1' } });
  });

  it('when reading a finished job, then the article detail is mapped', async () => {
    const caller = fakeCaller(() => ({
      publish_id: '7',
      publish_status: 0,
      article_id: 'A1',
      article_detail: { count: 2, item: [{ idx: 1, article_url: 'u1' }, { idx: 2, article_url: 'u2' }] },
      fail_idx: [],
    }));
    await expect(new FreePublishApi(caller).get('7')).resolves.toEqual({
      publishId: '7',
      publishStatus: 0,
      articleId: 'A1',
      articles: [{ idx: 1, articleUrl: 'u1' }, { idx: 2, articleUrl: 'u2' }],
      failIdx: [],
    });
  });

  it('when a job is still publishing, then there is no article id and no articles', async () => {
    const caller = fakeCaller(() => ({ publish_id: '7', publish_status: 1 }));
    await expect(new FreePublishApi(caller).get('7')).resolves.toMatchObject({ publishStatus: 1, articleId: null, articles: [] });
  });

  it('when deleting one article or all, then index is sent only when given and a negative one is refused', async () => {
    const caller = fakeCaller();
    const api = new FreePublishApi(caller);
    await api.delete('A1', 2);
    await api.delete('A1');
    expect(caller.calls.map((c) => c.body)).toEqual([{ article_id: 'A1', index: 2 }, { article_id: 'A1' }]);
    await expect(api.delete('A1', -1)).rejects.toBeInstanceOf(ValidationError);
  });

  it('when reading a published article, then is_deleted becomes isDeleted', async () => {
    const caller = fakeCaller(() => ({ news_item: [{ title: 'T', content: 'c', url: 'u', is_deleted: true }] }));
    await expect(new FreePublishApi(caller).getArticle('A1')).resolves.toEqual([{ title: 'T', content: 'c', url: 'u', isDeleted: true }]);
  });

  it('when listing published posts, then items carry article ids', async () => {
    const caller = fakeCaller(() => ({ total_count: 1, item_count: 1, item: [{ article_id: 'A1', content: { news_item: [] }, update_time: 5 }] }));
    await expect(new FreePublishApi(caller).batchGet({ offset: 0, count: 1 })).resolves.toEqual({ totalCount: 1, itemCount: 1, items: [{ articleId: 'A1', articles: [], updateTime: 5 }] });
    expect(onlyCall(caller)).toMatchObject({ path: '/cgi-bin/freepublish/batchget', body: { offset: 0, count: 1, no_content: 0 } });
  });
});
