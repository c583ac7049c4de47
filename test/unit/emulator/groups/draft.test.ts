import { registerPublishing } from '../../../../src/emulator/groups/publishing';
import { addDraft, addThumb, publishingHarness } from './publishing-fake-emulator';

describe('emulator draft box', () => {
  it('when a draft is added, then get answers its articles with url, thumb_url and a digest from the text', async () => {
    const h = publishingHarness(registerPublishing);
    const thumb = await addThumb(h);
    const { body } = await h.post('/cgi-bin/draft/add', { articles: [{ title: 'T', content: '<p>' + 'x'.repeat(80) + '</p>', thumb_media_id: thumb, need_open_comment: 1 }] });
    const item = ((await h.post('/cgi-bin/draft/get', { media_id: body.media_id })).body.news_item as Array<Record<string, unknown>>)[0]!;
    expect(item).toMatchObject({ title: 'T', thumb_media_id: thumb, need_open_comment: 1, only_fans_can_comment: 0, digest: 'x'.repeat(54) });
    expect(item.url).toMatch(/^http:\/\/mp\.weixin\.qq\.com\/s\?/);
  });

  it.each([
    ['no articles', () => ({ articles: [] }), 44003],
    ['9 articles', (t: string) => ({ articles: Array.from({ length: 9 }, () => ({ title: 'T', content: 'c', thumb_media_id: t })) }), 45008],
    ['a 33-character title', (t: string) => ({ articles: [{ title: 'x'.repeat(33), content: 'c', thumb_media_id: t }] }), 45003],
    ['a 17-character author', (t: string) => ({ articles: [{ title: 'T', author: 'x'.repeat(17), content: 'c', thumb_media_id: t }] }), 45110],
    ['a 129-character digest', (t: string) => ({ articles: [{ title: 'T', digest: 'x'.repeat(129), content: 'c', thumb_media_id: t }] }), 45004],
    ['20 000 characters of content', (t: string) => ({ articles: [{ title: 'T', content: 'x'.repeat(20_000), thumb_media_id: t }] }), 45002],
    ['no thumb for a news article', () => ({ articles: [{ title: 'T', content: 'c' }] }), 40007],
    ['a temporary image as thumb', (_t: string, temp: string) => ({ articles: [{ title: 'T', content: 'c', thumb_media_id: temp }] }), 40007],
    ['a newspic without images', () => ({ articles: [{ article_type: 'newspic', title: 'T', content: 'c' }] }), 44003],
  ])('when adding %s, then %s', async (_label, build, errcode) => {
    const h = publishingHarness(registerPublishing);
    const thumb = await addThumb(h);
    const temp = (await h.upload('/cgi-bin/media/upload', { type: 'image' }, { filename: 'a.jpg', data: Buffer.from('jpg') })).media_id as string;
    expect((await h.post('/cgi-bin/draft/add', build(thumb, temp))).body.errcode).toBe(errcode);
  });

  it('when content has an external image and an uploadimg one, then only the uploadimg one is kept', async () => {
    const h = publishingHarness(registerPublishing);
    const thumb = await addThumb(h);
    const { url } = await h.upload('/cgi-bin/media/uploadimg', {}, { filename: 'in.jpg', data: Buffer.from('jpg') });
    const content = `<p>a<img src="https://evil.example/x.png">b<img src="${url as string}"></p>`;
    const { body } = await h.post('/cgi-bin/draft/add', { articles: [{ title: 'T', content, thumb_media_id: thumb }] });
    const item = ((await h.post('/cgi-bin/draft/get', { media_id: body.media_id })).body.news_item as Array<{ content: string }>)[0]!;
    expect(item.content).toBe(`<p>ab<img src="${url as string}"></p>`);
  });

  it('when updating by 0-based index, then that article changes; an index past the end is 40097', async () => {
    const h = publishingHarness(registerPublishing);
    const draft = await addDraft(h, 2);
    const thumb = await addThumb(h);
    expect((await h.post('/cgi-bin/draft/update', { media_id: draft, index: 1, articles: { title: 'New', content: 'c', thumb_media_id: thumb } })).body.errcode).toBe(0);
    const titles = ((await h.post('/cgi-bin/draft/get', { media_id: draft })).body.news_item as Array<{ title: string }>).map((a) => a.title);
    expect(titles).toEqual(['Title 1', 'New']);
    expect((await h.post('/cgi-bin/draft/update', { media_id: draft, index: 2, articles: { title: 'N', content: 'c', thumb_media_id: thumb } })).body.errcode).toBe(40097);
  });

  it('when drafts are added, listed and deleted, then count and batchget follow, newest first', async () => {
    const h = publishingHarness(registerPublishing);
    const first = await addDraft(h);
    h.emu.clock.advance(1000);
    const second = await addDraft(h);
    expect((await h.get('/cgi-bin/draft/count')).body).toEqual({ total_count: 2 });
    const page = (await h.post('/cgi-bin/draft/batchget', { offset: 0, count: 20, no_content: 1 })).body as { item: Array<{ media_id: string; content: { news_item: Array<{ content: string }> } }> };
    expect(page.item.map((i) => i.media_id)).toEqual([second, first]);
    expect(page.item[0]!.content.news_item[0]!.content).toBe('');
    expect((await h.post('/cgi-bin/draft/delete', { media_id: first })).body.errcode).toBe(0);
    expect((await h.post('/cgi-bin/draft/delete', { media_id: first })).body.errcode).toBe(40007);
    expect((await h.get('/cgi-bin/draft/count')).body).toEqual({ total_count: 1 });
  });

  it('when a body is not JSON or empty, then 47001 or 44002', async () => {
    const h = publishingHarness(registerPublishing);
    const bad = await h.api.post('/cgi-bin/draft/add?access_token=wxservice').set('content-type', 'application/json').send('{"articles":');
    expect(bad.body.errcode).toBe(47001);
    const empty = await h.api.post('/cgi-bin/draft/add?access_token=wxservice');
    expect(empty.body.errcode).toBe(44002);
  });
});
