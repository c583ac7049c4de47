import { registerPublishing } from '../../../../src/emulator/groups/publishing';
import { addDraft, publishingHarness, rawId, settle } from './publishing-fake-emulator';

describe('emulator mass send: the job and MASSSENDJOBFINISH', () => {
  it('when sent to all, then subscribed, unblocked followers get it in their inbox and the counts agree', async () => {
    const h = publishingHarness(registerPublishing);
    h.emu.addFollower('wxservice', 'o1');
    h.emu.addFollower('wxservice', 'o2');
    h.emu.addFollower('wxservice', 'blocked', { blacklisted: true });
    h.emu.addFollower('wxservice', 'gone', { subscribed: false });
    const res = await h.post('/cgi-bin/message/mass/sendall', { filter: { is_to_all: true }, msgtype: 'text', text: { content: 'hello' } });
    expect(res.body).toMatchObject({ errcode: 0, errmsg: 'send job submission success' });
    await settle();
    expect(h.emu.events).toHaveLength(1);
    const event = h.emu.events[0]!;
    expect(event.fields).toEqual({
      Event: 'MASSSENDJOBFINISH',
      MsgID: BigInt(rawId(res.raw, 'msg_id')),
      Status: 'send success',
      TotalCount: 3,
      FilterCount: 2,
      SentCount: 2,
      ErrorCount: 0,
    });
    expect(h.emu.inbox('wxservice', 'o1')).toMatchObject([{ source: 'mass', msgType: 'text', content: { content: 'hello' } }]);
    expect(h.emu.inbox('wxservice', 'blocked')).toHaveLength(0);
    expect(h.emu.inbox('wxservice', 'gone')).toHaveLength(0);
  });

  it('when sent by openid list with an unknown openid, then it counts in TotalCount but not FilterCount', async () => {
    const h = publishingHarness(registerPublishing);
    h.emu.addFollower('wxservice', 'o1');
    await h.post('/cgi-bin/message/mass/send', { touser: ['o1', 'nobody', 'o1'], msgtype: 'text', text: { content: 'x' } });
    await settle();
    expect(h.emu.events[0]!.fields).toMatchObject({ TotalCount: 2, FilterCount: 1, SentCount: 1 });
  });

  it('when an openid list has fewer than 2 distinct openids, then 40130', async () => {
    const h = publishingHarness(registerPublishing);
    expect((await h.post('/cgi-bin/message/mass/send', { touser: ['o1', 'o1'], msgtype: 'text', text: { content: 'x' } })).body.errcode).toBe(40130);
  });

  it('when an article draft is sent, then msg_data_id is answered, the draft leaves the box and ArticleUrlResult lists each article', async () => {
    const h = publishingHarness(registerPublishing);
    h.emu.addFollower('wxservice', 'o1');
    const draft = await addDraft(h, 2);
    const res = await h.post('/cgi-bin/message/mass/sendall', { filter: { is_to_all: true }, msgtype: 'mpnews', mpnews: { media_id: draft } });
    expect(typeof res.body.msg_data_id).toBe('number');
    expect((await h.post('/cgi-bin/draft/get', { media_id: draft })).body.errcode).toBe(40007);
    await settle();
    const result = h.emu.events[0]!.fields.ArticleUrlResult as { Count: number; ResultList: { item: Array<{ ArticleIdx: number; ArticleUrl: string }> } };
    expect(result.Count).toBe(2);
    expect(result.ResultList.item.map((i) => i.ArticleIdx)).toEqual([1, 2]);
    const inbox = h.emu.inbox('wxservice', 'o1')[0]!.content as { articles: Array<{ title: string; url: string }> };
    expect(inbox.articles.map((a) => a.url)).toEqual(result.ResultList.item.map((i) => i.ArticleUrl));
  });

  it('when media ids are unknown or of the wrong kind, then 40007; an unknown msgtype is 40008', async () => {
    const h = publishingHarness(registerPublishing);
    const all = { filter: { is_to_all: true } };
    const voice = await h.upload('/cgi-bin/media/upload', { type: 'voice' }, { filename: 'a.mp3', data: Buffer.from('ID3') });
    const image = await h.upload('/cgi-bin/media/upload', { type: 'image' }, { filename: 'a.png', data: Buffer.from('png') });
    expect((await h.post('/cgi-bin/message/mass/sendall', { ...all, msgtype: 'mpnews', mpnews: { media_id: 'nope' } })).body.errcode).toBe(40007);
    expect((await h.post('/cgi-bin/message/mass/sendall', { ...all, msgtype: 'voice', voice: { media_id: image.media_id } })).body.errcode).toBe(40007);
    expect((await h.post('/cgi-bin/message/mass/sendall', { ...all, msgtype: 'voice', voice: { media_id: voice.media_id } })).body.errcode).toBe(0);
    expect((await h.post('/cgi-bin/message/mass/sendall', { ...all, msgtype: 'images', images: { media_ids: [image.media_id] } })).body.errcode).toBe(0);
    expect((await h.post('/cgi-bin/message/mass/sendall', { ...all, msgtype: 'news', news: {} })).body.errcode).toBe(40008);
  });

  it('when an mpvideo uses a plain video id, then 40007; with the id from media/uploadvideo, it is sent', async () => {
    const h = publishingHarness(registerPublishing);
    const video = await h.upload('/cgi-bin/media/upload', { type: 'video' }, { filename: 'v.mp4', data: Buffer.from('mp4') });
    const all = { filter: { is_to_all: true }, msgtype: 'mpvideo' };
    expect((await h.post('/cgi-bin/message/mass/sendall', { ...all, mpvideo: { media_id: video.media_id } })).body.errcode).toBe(40007);
    const massVideo = (await h.post('/cgi-bin/media/uploadvideo', { media_id: video.media_id, title: 't', description: 'd' })).body;
    expect(massVideo).toMatchObject({ type: 'video' });
    expect((await h.post('/cgi-bin/message/mass/sendall', { ...all, mpvideo: { media_id: massVideo.media_id } })).body.errcode).toBe(0);
  });
});
