import { ValidationError } from '../../../src/shared/errors';
import { WeChatApiError } from '../../../src/wechat-api/errors';
import { MassApi } from '../../../src/wechat-api/mass';
import { fakeCaller, onlyCall } from './publishing-fake-caller';

const BIG = '1700000000100000001'; // > 2^53, as WeChat's msg_id can be
const submitted = () => ({ errcode: 0, errmsg: 'send job submission success', msg_id: BIG });

describe('MassApi.sendAll', () => {
  it('when sending text to everyone, then the body has is_to_all, the clientmsgid and send_ignore_reprint 0, and the msg_id stays a string', async () => {
    const caller = fakeCaller(submitted);
    const result = await new MassApi(caller).sendAll({ filter: { isToAll: true }, message: { type: 'text', content: 'hi' }, clientMsgId: 'job-1' });
    const call = onlyCall(caller);
    expect(call.path).toBe('/cgi-bin/message/mass/sendall');
    expect(call.body).toEqual({ filter: { is_to_all: true }, msgtype: 'text', text: { content: 'hi' }, send_ignore_reprint: 0, clientmsgid: 'job-1' });
    expect(result).toEqual({ outcome: 'submitted', msgId: BIG, msgDataId: null });
  });

  it('when sending an article to a tag, then the filter names the tag and msg_data_id is returned as a string', async () => {
    const caller = fakeCaller(() => ({ msg_id: 34182, msg_data_id: 206227730 }));
    const result = await new MassApi(caller).sendAll({ filter: { tagId: 101 }, message: { type: 'mpnews', mediaId: 'M1' }, sendIgnoreReprint: true });
    expect(onlyCall(caller).body).toEqual({ filter: { is_to_all: false, tag_id: 101 }, msgtype: 'mpnews', mpnews: { media_id: 'M1' }, send_ignore_reprint: 1 });
    expect(result).toEqual({ outcome: 'submitted', msgId: '34182', msgDataId: '206227730' });
  });

  it('when WeChat answers 45065 with the existing msg_id, then the result is a duplicate carrying that msg_id', async () => {
    const caller = fakeCaller(() => {
      throw new WeChatApiError(45065, 'clientmsgid exist', '/cgi-bin/message/mass/sendall', { msg_id: BIG });
    });
    const result = await new MassApi(caller).sendAll({ filter: { isToAll: true }, message: { type: 'text', content: 'hi' }, clientMsgId: 'job-1' });
    expect(result).toEqual({ outcome: 'duplicate', msgId: BIG });
  });

  it('when WeChat answers another errcode, then the WeChatApiError reaches the caller', async () => {
    const caller = fakeCaller(() => {
      throw new WeChatApiError(45028, 'has no masssend quota', '/cgi-bin/message/mass/sendall');
    });
    await expect(new MassApi(caller).sendAll({ filter: { isToAll: true }, message: { type: 'text', content: 'x' } })).rejects.toMatchObject({ errcode: 45028 });
  });

  it('when the clientMsgId is longer than 64 bytes of UTF-8, then it is refused before any call', async () => {
    const caller = fakeCaller(submitted);
    const tooLong = '群'.repeat(22); // 66 bytes, 22 characters
    await expect(new MassApi(caller).sendAll({ filter: { isToAll: true }, message: { type: 'text', content: 'x' }, clientMsgId: tooLong })).rejects.toBeInstanceOf(ValidationError);
    expect(caller.calls).toHaveLength(0);
  });

  it('when every message kind is sent, then each has WeChat\'s wire shape with 0/1 flags', async () => {
    const caller = fakeCaller(submitted);
    const api = new MassApi(caller);
    const filter = { isToAll: true } as const;
    await api.sendAll({ filter, message: { type: 'voice', mediaId: 'V' } });
    await api.sendAll({ filter, message: { type: 'images', mediaIds: ['I1', 'I2'], recommend: 'r', needOpenComment: true, onlyFansCanComment: false } });
    await api.sendAll({ filter, message: { type: 'mpvideo', mediaId: 'MV', title: 't' } });
    await api.sendAll({ filter, message: { type: 'wxcard', cardId: 'C' } });
    const payloads = caller.calls.map((c) => {
      const { filter: _f, send_ignore_reprint: _s, ...rest } = c.body as Record<string, unknown>;
      return rest;
    });
    expect(payloads).toEqual([
      { msgtype: 'voice', voice: { media_id: 'V' } },
      { msgtype: 'images', images: { media_ids: ['I1', 'I2'], recommend: 'r', need_open_comment: 1, only_fans_can_comment: 0 } },
      { msgtype: 'mpvideo', mpvideo: { media_id: 'MV', title: 't' } },
      { msgtype: 'wxcard', wxcard: { card_id: 'C' } },
    ]);
  });
});

describe('MassApi.send', () => {
  it('when given one openid (even repeated), then it is refused before any call, as WeChat would answer 40130', async () => {
    const caller = fakeCaller(submitted);
    await expect(new MassApi(caller).send({ openids: ['o1', 'o1'], message: { type: 'text', content: 'x' } })).rejects.toBeInstanceOf(ValidationError);
    expect(caller.calls).toHaveLength(0);
  });

  it('when given openids with repeats, then touser lists each once', async () => {
    const caller = fakeCaller(submitted);
    await new MassApi(caller).send({ openids: ['o1', 'o2', 'o1'], message: { type: 'text', content: 'x' } });
    expect(onlyCall(caller)).toMatchObject({ path: '/cgi-bin/message/mass/send', body: { touser: ['o1', 'o2'] } });
  });

  it('when given 10 001 distinct openids, then it is refused', async () => {
    const caller = fakeCaller(submitted);
    const openids = Array.from({ length: 10_001 }, (_, i) => `o${i}`);
    await expect(new MassApi(caller).send({ openids, message: { type: 'text', content: 'x' } })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('MassApi preview, delete, get and speed', () => {
  it('when previewing to an openid or a WeChat ID, then touser or towxname is used', async () => {
    const caller = fakeCaller(() => ({}));
    const api = new MassApi(caller);
    await api.preview({ openid: 'o1' }, { type: 'text', content: 'x' });
    await api.preview({ wechatId: 'alice' }, { type: 'text', content: 'x' });
    expect(caller.calls.map((c) => c.body)).toEqual([
      { touser: 'o1', msgtype: 'text', text: { content: 'x' } },
      { towxname: 'alice', msgtype: 'text', text: { content: 'x' } },
    ]);
  });

  it('when deleting a msg_id beyond 2^53, then it travels as a string; a small one as a number; article_idx only when given', async () => {
    const caller = fakeCaller(() => ({}));
    const api = new MassApi(caller);
    await api.delete(BIG, 2);
    await api.delete('34182');
    expect(caller.calls.map((c) => c.body)).toEqual([{ msg_id: BIG, article_idx: 2 }, { msg_id: 34182 }]);
  });

  it('when the msgId is not digits, then it is refused', async () => {
    await expect(new MassApi(fakeCaller()).get('12a')).rejects.toBeInstanceOf(ValidationError);
  });

  it('when getting a status, then msg_status becomes status and msg_id a string', async () => {
    const caller = fakeCaller(() => ({ msg_id: BIG, msg_status: 'SEND_SUCCESS' }));
    await expect(new MassApi(caller).get(BIG)).resolves.toEqual({ msgId: BIG, status: 'SEND_SUCCESS' });
  });

  it('when reading and setting the speed, then realspeed maps to realSpeed and a speed outside 0..4 is refused', async () => {
    const caller = fakeCaller((c) => (c.path.endsWith('/get') ? { speed: 2, realspeed: 45 } : {}));
    const api = new MassApi(caller);
    await expect(api.getSpeed()).resolves.toEqual({ speed: 2, realSpeed: 45 });
    await api.setSpeed(4);
    await expect(api.setSpeed(5)).rejects.toBeInstanceOf(ValidationError);
    expect(caller.calls.map((c) => [c.path, c.body])).toEqual([
      ['/cgi-bin/message/mass/speed/get', {}],
      ['/cgi-bin/message/mass/speed/set', { speed: 4 }],
    ]);
  });
});
