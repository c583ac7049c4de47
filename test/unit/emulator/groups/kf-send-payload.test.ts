import { startHarness, type Harness } from './menus-and-service-harness';

const valid: Record<string, Record<string, unknown>> = {
  text: { content: 'hi' },
  image: { media_id: 'M' },
  voice: { media_id: 'M' },
  video: { media_id: 'M', thumb_media_id: 'T', title: 't', description: 'd' },
  music: { title: 't', description: 'd', musicurl: 'http://m', hqmusicurl: 'http://hq', thumb_media_id: 'T' },
  news: { articles: [{ title: 't', description: 'd', url: 'http://u', picurl: 'http://p' }] },
  mpnews: { media_id: 'M' },
  mpnewsarticle: { article_id: 'A' },
  msgmenu: { head_content: 'h', list: [{ id: '101', content: 'yes' }], tail_content: 't' },
  wxcard: { card_id: 'C' },
  miniprogrampage: { title: 't', appid: 'wxapp', pagepath: 'pages/index', thumb_media_id: 'T' },
};

let n = 0;
function freshFan(h: Harness): string {
  const openid = `oFan${++n}`;
  h.fan(openid);
  return openid;
}

describe('message/custom/send payloads (§6.1)', () => {
  it.each(Object.keys(valid))('when a well-formed %s message is sent inside the window, then it is accepted', async (msgtype) => {
    const h = startHarness();
    const touser = freshFan(h);
    expect(await h.post('/cgi-bin/message/custom/send', { touser, msgtype, [msgtype]: valid[msgtype] })).toEqual({ errcode: 0, errmsg: 'ok' });
  });

  const refused: [string, Record<string, unknown>, number][] = [
    ['news with two articles', { msgtype: 'news', news: { articles: [{ title: 'a', url: 'http://a' }, { title: 'b', url: 'http://b' }] } }, 45008],
    ['news with no article', { msgtype: 'news', news: { articles: [] } }, 44003],
    ['an unknown msgtype', { msgtype: 'sticker', sticker: { id: 1 } }, 40008],
    ['no msgtype', { text: { content: 'hi' } }, 40008],
    ['an empty text', { msgtype: 'text', text: { content: '' } }, 44004],
    ['an image without media_id', { msgtype: 'image', image: {} }, 40007],
    ['a msgtype without its payload', { msgtype: 'voice' }, 47001],
    ['a video without thumb_media_id', { msgtype: 'video', video: { media_id: 'M' } }, 47001],
    ['a msgmenu option without id', { msgtype: 'msgmenu', msgmenu: { list: [{ content: 'x' }] } }, 47001],
  ];

  it.each(refused)('when the body has %s, then it is refused with its errcode and the window keeps its count', async (_c, body, errcode) => {
    const h = startHarness();
    const touser = freshFan(h);
    expect(await h.post('/cgi-bin/message/custom/send', { touser, ...body })).toMatchObject({ errcode });
    for (let i = 0; i < 5; i++) expect(await h.post('/cgi-bin/message/custom/send', { touser, msgtype: 'text', text: { content: 'ok' } })).toMatchObject({ errcode: 0 });
  });

  it('when customservice names an agent that does not exist, then it is 65401', async () => {
    const h = startHarness();
    const touser = freshFan(h);
    const res = await h.post('/cgi-bin/message/custom/send', { touser, msgtype: 'text', text: { content: 'hi' }, customservice: { kf_account: 'ghost@wxoa_test' } });
    expect(res).toMatchObject({ errcode: 65401 });
  });
});
