import { ValidationError } from '../../../src/shared/errors';
import { DraftApi } from '../../../src/wechat-api/draft';
import { fakeCaller, onlyCall } from './publishing-fake-caller';

const article = { title: 'T', content: '<p>c</p>', thumbMediaId: 'THUMB', author: 'A', needOpenComment: true, onlyFansCanComment: false };

describe('DraftApi', () => {
  it('when adding a draft, then the articles go out in snake_case with 0/1 flags and the media_id comes back', async () => {
    const caller = fakeCaller(() => ({ media_id: 'D1' }));
    await expect(new DraftApi(caller).add([article, { title: 'P', content: 'x', articleType: 'newspic', imageMediaIds: ['I1'] }])).resolves.toBe('D1');
    expect(onlyCall(caller).body).toEqual({
      articles: [
        { title: 'T', content: '<p>c</p>', thumb_media_id: 'THUMB', author: 'A', need_open_comment: 1, only_fans_can_comment: 0 },
        { title: 'P', content: 'x', article_type: 'newspic', image_info: { image_list: [{ image_media_id: 'I1' }] } },
      ],
    });
  });

  it('when adding no articles, then it is refused before any call', async () => {
    const caller = fakeCaller();
    await expect(new DraftApi(caller).add([])).rejects.toBeInstanceOf(ValidationError);
    expect(caller.calls).toHaveLength(0);
  });

  it('when getting a draft, then news_item comes back in camelCase with url and booleans', async () => {
    const caller = fakeCaller(() => ({
      news_item: [{ title: 'T', content: 'c', thumb_media_id: 'TH', url: 'http://u', need_open_comment: 1, only_fans_can_comment: 0, show_cover_pic: 0, content_source_url: '' }],
    }));
    const [first] = await new DraftApi(caller).get('D1');
    expect(onlyCall(caller)).toMatchObject({ path: '/cgi-bin/draft/get', body: { media_id: 'D1' } });
    expect(first).toEqual({ title: 'T', content: 'c', thumbMediaId: 'TH', url: 'http://u', needOpenComment: true, onlyFansCanComment: false, showCoverPic: false, contentSourceUrl: '' });
  });

  it('when updating, then index is sent 0-based with a single article object, and a negative index is refused', async () => {
    const caller = fakeCaller();
    const api = new DraftApi(caller);
    await api.update('D1', 0, { title: 'N', content: 'c' });
    expect(onlyCall(caller).body).toEqual({ media_id: 'D1', index: 0, articles: { title: 'N', content: 'c' } });
    await expect(api.update('D1', -1, { title: 'N', content: 'c' })).rejects.toBeInstanceOf(ValidationError);
  });

  it('when counting, then it is a GET and total_count is answered', async () => {
    const caller = fakeCaller(() => ({ total_count: 3 }));
    await expect(new DraftApi(caller).count()).resolves.toBe(3);
    expect(onlyCall(caller)).toMatchObject({ method: 'GET', path: '/cgi-bin/draft/count' });
  });

  it('when listing, then the page is mapped and a count over 20 is refused', async () => {
    const caller = fakeCaller(() => ({ total_count: 5, item_count: 1, item: [{ media_id: 'D1', content: { news_item: [{ title: 'T', content: '', url: 'u' }] }, update_time: 9 }] }));
    const api = new DraftApi(caller);
    const page = await api.batchGet({ offset: 0, count: 20, noContent: true });
    expect(onlyCall(caller).body).toEqual({ offset: 0, count: 20, no_content: 1 });
    expect(page).toEqual({ totalCount: 5, itemCount: 1, items: [{ mediaId: 'D1', updateTime: 9, articles: [{ title: 'T', content: '', url: 'u' }] }] });
    await expect(api.batchGet({ offset: 0, count: 21 })).rejects.toBeInstanceOf(ValidationError);
  });
});
