import { registerPublishing } from '../../../../src/emulator/groups/publishing';
import { addDraft, publishingHarness, settle } from './publishing-fake-emulator';

async function published(articles = 2) {
  const h = publishingHarness(registerPublishing);
  const draft = await addDraft(h, articles);
  const submit = (await h.post('/cgi-bin/freepublish/submit', { media_id: draft })).body;
  await settle();
  return { h, draft, submit };
}

describe('emulator free publish', () => {
  it('when a draft is submitted, then publish_id comes back, the draft leaves the box and PUBLISHJOBFINISH reports the articles', async () => {
    const { h, draft, submit } = await published(2);
    expect(submit).toMatchObject({ errcode: 0, publish_id: expect.stringMatching(/^\d+$/), msg_data_id: expect.stringMatching(/^\d+$/) });
    expect((await h.post('/cgi-bin/draft/get', { media_id: draft })).body.errcode).toBe(40007);
    expect((await h.post('/cgi-bin/freepublish/submit', { media_id: draft })).body.errcode).toBe(40007);
    expect(h.emu.events).toHaveLength(1);
    const info = h.emu.events[0]!.fields.PublishEventInfo as Record<string, unknown>;
    expect(h.emu.events[0]!.fields.Event).toBe('PUBLISHJOBFINISH');
    expect(info).toMatchObject({ publish_id: BigInt(submit.publish_id as string), publish_status: 0, article_id: expect.any(String) });
    expect(info.article_detail).toEqual({ count: 2, item: [{ idx: 1, article_url: expect.stringMatching(/^https:\/\/mp\.weixin\.qq\.com\/s\//) }, { idx: 2, article_url: expect.any(String) }] });
  });

  it('when the job is read, then status 0 with the same article id and urls as the callback; an unknown publish_id is 53502', async () => {
    const { h, submit } = await published(1);
    const info = h.emu.events[0]!.fields.PublishEventInfo as { article_id: string; article_detail: unknown };
    const job = (await h.post('/cgi-bin/freepublish/get', { publish_id: submit.publish_id })).body;
    expect(job).toMatchObject({ publish_id: submit.publish_id, publish_status: 0, article_id: info.article_id, article_detail: info.article_detail, fail_idx: [] });
    expect((await h.post('/cgi-bin/freepublish/get', { publish_id: '1' })).body.errcode).toBe(53502);
  });

  it('when one article is deleted, then getarticle marks it; when all are, the job says 5 and batchget drops it', async () => {
    const { h, submit } = await published(2);
    const articleId = (h.emu.events[0]!.fields.PublishEventInfo as { article_id: string }).article_id;
    expect((await h.post('/cgi-bin/freepublish/batchget', { offset: 0, count: 10 })).body).toMatchObject({ total_count: 1, item: [{ article_id: articleId }] });
    expect((await h.post('/cgi-bin/freepublish/delete', { article_id: articleId, index: 3 })).body.errcode).toBe(40097);
    await h.post('/cgi-bin/freepublish/delete', { article_id: articleId, index: 2 });
    const items = (await h.post('/cgi-bin/freepublish/getarticle', { article_id: articleId })).body.news_item as Array<{ is_deleted: boolean }>;
    expect(items.map((i) => i.is_deleted)).toEqual([false, true]);
    await h.post('/cgi-bin/freepublish/delete', { article_id: articleId });
    expect((await h.post('/cgi-bin/freepublish/get', { publish_id: submit.publish_id })).body.publish_status).toBe(5);
    expect((await h.post('/cgi-bin/freepublish/batchget', { offset: 0, count: 10 })).body.total_count).toBe(0);
  });

  it('when an article_id is unknown, then getarticle and delete answer 53600', async () => {
    const h = publishingHarness(registerPublishing);
    expect((await h.post('/cgi-bin/freepublish/getarticle', { article_id: 'nope' })).body.errcode).toBe(53600);
    expect((await h.post('/cgi-bin/freepublish/delete', { article_id: 'nope' })).body.errcode).toBe(53600);
  });
});
