import { registerPublishing } from '../../../../src/emulator/groups/publishing';
import { addDraft, publishingHarness, rawId, settle } from './publishing-fake-emulator';

const textToAll = (content: string) => ({ filter: { is_to_all: true }, msgtype: 'text', text: { content } });

describe('emulator mass preview', () => {
  it('when previewing to an openid, then only that follower receives it and the draft stays in the box', async () => {
    const h = publishingHarness(registerPublishing);
    h.emu.addFollower('wxservice', 'o1');
    h.emu.addFollower('wxservice', 'o2');
    const draft = await addDraft(h);
    const res = await h.post('/cgi-bin/message/mass/preview', { touser: 'o1', msgtype: 'mpnews', mpnews: { media_id: draft } });
    expect(res.body).toMatchObject({ errcode: 0, errmsg: 'preview success' });
    expect(h.emu.inbox('wxservice', 'o1')).toHaveLength(1);
    expect(h.emu.inbox('wxservice', 'o2')).toHaveLength(0);
    expect((await h.post('/cgi-bin/draft/get', { media_id: draft })).body.news_item).toHaveLength(1);
  });

  it('when previewing to an unknown openid, then 40003; to an unfollower, 43004', async () => {
    const h = publishingHarness(registerPublishing);
    h.emu.addFollower('wxservice', 'gone', { subscribed: false });
    expect((await h.post('/cgi-bin/message/mass/preview', { touser: 'nobody', ...textToAll('x') })).body.errcode).toBe(40003);
    expect((await h.post('/cgi-bin/message/mass/preview', { touser: 'gone', ...textToAll('x') })).body.errcode).toBe(43004);
  });

  it('when previewing by towxname, then it wins over touser, and the 101st of the day is 45009', async () => {
    const h = publishingHarness(registerPublishing);
    h.emu.addFollower('wxservice', 'o1', { nickname: 'alice' });
    h.emu.addFollower('wxservice', 'o2');
    expect((await h.post('/cgi-bin/message/mass/preview', { towxname: 'alice', touser: 'o2', ...textToAll('x') })).body.errcode).toBe(0);
    expect(h.emu.inbox('wxservice', 'o1')).toHaveLength(1);
    expect(h.emu.inbox('wxservice', 'o2')).toHaveLength(0);
    expect((await h.post('/cgi-bin/message/mass/preview', { towxname: 'bob', ...textToAll('x') })).body.errcode).toBe(40132);
    for (let i = 2; i < 100; i++) {
      h.emu.clock.advance(2000); // stay under 60 calls a minute
      expect((await h.post('/cgi-bin/message/mass/preview', { towxname: 'alice', ...textToAll('x') })).body.errcode).toBe(0);
    }
    h.emu.clock.advance(1000);
    expect((await h.post('/cgi-bin/message/mass/preview', { towxname: 'alice', ...textToAll('x') })).body.errcode).toBe(45009);
  });
});

describe('emulator mass get and delete', () => {
  it('when a send has run, then get answers SEND_SUCCESS with the same msg_id; an unknown msg_id is 40097', async () => {
    const h = publishingHarness(registerPublishing);
    const sent = await h.post('/cgi-bin/message/mass/sendall', textToAll('x'));
    const msgId = rawId(sent.raw, 'msg_id');
    await settle();
    const status = await h.post('/cgi-bin/message/mass/get', { msg_id: msgId });
    expect(status.body.msg_status).toBe('SEND_SUCCESS');
    expect(rawId(status.raw, 'msg_id')).toBe(msgId);
    expect((await h.post('/cgi-bin/message/mass/get', { msg_id: (BigInt(msgId) + 1n).toString() })).body.errcode).toBe(40097);
  });

  it('when deleting a text send, then 48008: only news and video can be deleted', async () => {
    const h = publishingHarness(registerPublishing);
    const msgId = rawId((await h.post('/cgi-bin/message/mass/sendall', textToAll('x'))).raw, 'msg_id');
    await settle();
    expect((await h.post('/cgi-bin/message/mass/delete', { msg_id: msgId })).body.errcode).toBe(48008);
  });

  it('when deleting articles of a news send, then a bad article_idx is 40060 and deleting all makes it DELETE', async () => {
    const h = publishingHarness(registerPublishing);
    const draft = await addDraft(h, 2);
    const msgId = rawId((await h.post('/cgi-bin/message/mass/sendall', { filter: { is_to_all: true }, msgtype: 'mpnews', mpnews: { media_id: draft } })).raw, 'msg_id');
    await settle();
    expect((await h.post('/cgi-bin/message/mass/delete', { msg_id: msgId, article_idx: 3 })).body.errcode).toBe(40060);
    expect((await h.post('/cgi-bin/message/mass/delete', { msg_id: msgId, article_idx: 1 })).body.errcode).toBe(0);
    expect((await h.post('/cgi-bin/message/mass/get', { msg_id: msgId })).body.msg_status).toBe('SEND_SUCCESS');
    expect((await h.post('/cgi-bin/message/mass/delete', { msg_id: msgId, article_idx: 2 })).body.errcode).toBe(0);
    expect((await h.post('/cgi-bin/message/mass/get', { msg_id: msgId })).body.msg_status).toBe('DELETE');
  });
});

describe('emulator mass speed', () => {
  it('when setting the speed, then get answers it with the real speed; out of range is 45083, missing 45084', async () => {
    const h = publishingHarness(registerPublishing);
    expect((await h.post('/cgi-bin/message/mass/speed/get', {})).body).toEqual({ speed: 0, realspeed: 80 });
    expect((await h.post('/cgi-bin/message/mass/speed/set', { speed: 3 })).body.errcode).toBe(0);
    expect((await h.post('/cgi-bin/message/mass/speed/get', {})).body).toEqual({ speed: 3, realspeed: 30 });
    expect((await h.post('/cgi-bin/message/mass/speed/set', { speed: 5 })).body.errcode).toBe(45083);
    expect((await h.post('/cgi-bin/message/mass/speed/set', {})).body.errcode).toBe(45084);
  });
});
