import type { ApiCaller } from '../../../src/wechat-api/caller';
import { CustomServiceApi, type CustomMessage } from '../../../src/wechat-api/custom-service';

function recording() {
  const bodies: { path: string; body: unknown }[] = [];
  const api: ApiCaller = {
    get: () => Promise.reject(new Error('not used')),
    post: async <T>(path: string, body?: unknown) => {
      bodies.push({ path, body });
      return { errcode: 0, errmsg: 'ok' } as T;
    },
    upload: () => Promise.reject(new Error('not used')),
    download: () => Promise.reject(new Error('not used')),
  };
  return { service: new CustomServiceApi(api), bodies };
}

const cases: [CustomMessage, Record<string, unknown>][] = [
  [{ type: 'text', content: 'Hello' }, { content: 'Hello' }],
  [{ type: 'image', mediaId: 'M1' }, { media_id: 'M1' }],
  [{ type: 'voice', mediaId: 'M2' }, { media_id: 'M2' }],
  [
    { type: 'video', mediaId: 'M3', thumbMediaId: 'T3', title: 'TITLE', description: 'D' },
    { media_id: 'M3', thumb_media_id: 'T3', title: 'TITLE', description: 'D' },
  ],
  [
    { type: 'music', title: 'T', description: 'D', musicUrl: 'http://m', hqMusicUrl: 'http://hq', thumbMediaId: 'TH' },
    { title: 'T', description: 'D', musicurl: 'http://m', hqmusicurl: 'http://hq', thumb_media_id: 'TH' },
  ],
  [
    { type: 'news', article: { title: 'Happy Day', description: 'Is Really A Happy Day', url: 'http://u', picUrl: 'http://p' } },
    { articles: [{ title: 'Happy Day', description: 'Is Really A Happy Day', url: 'http://u', picurl: 'http://p' }] },
  ],
  [{ type: 'mpnews', mediaId: 'MN' }, { media_id: 'MN' }],
  [{ type: 'mpnewsarticle', articleId: 'AID' }, { article_id: 'AID' }],
  [
    { type: 'msgmenu', headContent: '您对本次服务是否满意呢? ', options: [{ id: '101', content: '满意' }, { id: '102', content: '不满意' }], tailContent: '欢迎再次光临' },
    { head_content: '您对本次服务是否满意呢? ', list: [{ id: '101', content: '满意' }, { id: '102', content: '不满意' }], tail_content: '欢迎再次光临' },
  ],
  [{ type: 'wxcard', cardId: '123dsdajkasd231jhksad' }, { card_id: '123dsdajkasd231jhksad' }],
  [
    { type: 'miniprogrampage', title: 'title', appId: 'appid', pagePath: 'pagepath', thumbMediaId: 'thumb' },
    { title: 'title', appid: 'appid', pagepath: 'pagepath', thumb_media_id: 'thumb' },
  ],
];

describe('CustomServiceApi.send', () => {
  it.each(cases)('when a %j message is sent, then its payload sits under its msgtype', async (message, payload) => {
    const { service, bodies } = recording();
    await service.send('OPENID', message);
    expect(bodies).toEqual([{ path: '/cgi-bin/message/custom/send', body: { touser: 'OPENID', msgtype: message.type, [message.type]: payload } }]);
  });

  it('when optional video fields are left out, then they are not sent as undefined or null', async () => {
    const { service, bodies } = recording();
    await service.send('O', { type: 'video', mediaId: 'M', thumbMediaId: 'T' });
    expect(Object.keys((bodies[0]?.body as { video: object }).video)).toEqual(['media_id', 'thumb_media_id']);
  });

  it('when a kfAccount is given, then the message goes out as that agent', async () => {
    const { service, bodies } = recording();
    await service.send('O', { type: 'text', content: 'hi' }, { kfAccount: 'test1@kftest' });
    expect(bodies[0]?.body).toEqual({ touser: 'O', msgtype: 'text', text: { content: 'hi' }, customservice: { kf_account: 'test1@kftest' } });
  });
});

describe('CustomServiceApi.typing', () => {
  it('when typing is shown and cancelled, then the command is passed verbatim', async () => {
    const { service, bodies } = recording();
    await service.typing('O', 'Typing');
    await service.typing('O', 'CancelTyping');
    expect(bodies).toEqual([
      { path: '/cgi-bin/message/custom/typing', body: { touser: 'O', command: 'Typing' } },
      { path: '/cgi-bin/message/custom/typing', body: { touser: 'O', command: 'CancelTyping' } },
    ]);
  });
});
