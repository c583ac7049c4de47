import type { ApiCaller } from '../../../src/wechat-api/caller';
import { WeChatApiError } from '../../../src/wechat-api/errors';
import { MenuApi, type MenuButton } from '../../../src/wechat-api/menu';

interface Call {
  method: string;
  path: string;
  body?: unknown;
  query?: unknown;
}

/** An ApiCaller that records requests and answers from `reply` (throw there to simulate an errcode). */
function fakeCaller(reply: (call: Call) => unknown = () => ({ errcode: 0, errmsg: 'ok' })) {
  const calls: Call[] = [];
  const answer = async <T>(call: Call): Promise<T> => {
    calls.push(call);
    return reply(call) as T;
  };
  const api: ApiCaller = {
    get: (path, query) => answer({ method: 'GET', path, query }),
    post: (path, body, query) => answer({ method: 'POST', path, body, query }),
    upload: () => Promise.reject(new Error('not used')),
    download: () => Promise.reject(new Error('not used')),
  };
  return { api, calls };
}

const errcode = (code: number) => new WeChatApiError(code, 'x', '/cgi-bin/menu/get');

const buttons: MenuButton[] = [
  { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
  {
    name: '菜单',
    subButtons: [
      { type: 'view', name: '搜索', url: 'https://www.soso.com/' },
      { type: 'miniprogram', name: 'wxa', url: 'https://mp.weixin.qq.com', appId: 'wx286b93c14bbf93aa', pagePath: 'pages/lunar/index' },
      { type: 'media_id', name: '图片', mediaId: 'MEDIA' },
      { type: 'article_id', name: '文章', articleId: 'ART' },
    ],
  },
];

describe('MenuApi requests', () => {
  it('when a menu is created, then the body is WeChat\'s snake_case button tree', async () => {
    const { api, calls } = fakeCaller();
    await new MenuApi(api).create(buttons);
    expect(calls).toEqual([
      {
        method: 'POST',
        path: '/cgi-bin/menu/create',
        body: {
          button: [
            { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
            {
              name: '菜单',
              sub_button: [
                { type: 'view', name: '搜索', url: 'https://www.soso.com/' },
                { type: 'miniprogram', name: 'wxa', url: 'https://mp.weixin.qq.com', appid: 'wx286b93c14bbf93aa', pagepath: 'pages/lunar/index' },
                { type: 'media_id', name: '图片', media_id: 'MEDIA' },
                { type: 'article_id', name: '文章', article_id: 'ART' },
              ],
            },
          ],
        },
        query: undefined,
      },
    ]);
  });

  it('when a conditional menu is added, then the platform is sent as its code and the numeric menuid comes back as a string', async () => {
    const { api, calls } = fakeCaller(() => ({ menuid: 208379533 }));
    const id = await new MenuApi(api).addConditional(buttons.slice(0, 1), { tagId: '2', clientPlatformType: 'android' });
    expect(id).toBe('208379533');
    expect(calls[0]?.path).toBe('/cgi-bin/menu/addconditional');
    expect(calls[0]?.body).toEqual({
      button: [{ type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' }],
      matchrule: { tag_id: '2', client_platform_type: '2' },
    });
  });

  it('when delete, delConditional and tryMatch are called, then they hit their endpoints with their bodies', async () => {
    const { api, calls } = fakeCaller((c) => (c.path.endsWith('trymatch') ? { button: [{ type: 'click', name: 'a', key: 'k', sub_button: [] }] } : {}));
    const menus = new MenuApi(api);
    await menus.delete();
    await menus.delConditional('208379533');
    const seen = await menus.tryMatch('oUser1');
    expect(calls.map((c) => [c.method, c.path, c.body])).toEqual([
      ['GET', '/cgi-bin/menu/delete', undefined],
      ['POST', '/cgi-bin/menu/delconditional', { menuid: '208379533' }],
      ['POST', '/cgi-bin/menu/trymatch', { user_id: 'oUser1' }],
    ]);
    expect(seen).toEqual([{ type: 'click', name: 'a', key: 'k' }]);
  });
});

describe('MenuApi.get', () => {
  it('when WeChat answers the menus, then leaves lose their empty sub_button, ids become strings and the rule is camelCase', async () => {
    const { api } = fakeCaller(() => ({
      menu: {
        button: [
          { type: 'click', name: 'a', key: 'K', sub_button: [] },
          { name: 'p', sub_button: [{ type: 'view', name: 'v', url: 'https://x.cn/', sub_button: [] }] },
        ],
        menuid: 100,
      },
      conditionalmenu: [
        { button: [{ type: 'click', name: 'c', key: 'C', sub_button: [] }], matchrule: { tag_id: 2, client_platform_type: '1', sex: '' }, menuid: 101 },
      ],
    }));
    expect(await new MenuApi(api).get()).toEqual({
      menu: {
        menuId: '100',
        buttons: [
          { type: 'click', name: 'a', key: 'K' },
          { name: 'p', subButtons: [{ type: 'view', name: 'v', url: 'https://x.cn/' }] },
        ],
      },
      conditionalMenus: [{ menuId: '101', buttons: [{ type: 'click', name: 'c', key: 'C' }], matchRule: { tagId: '2', clientPlatformType: 'ios' } }],
    });
  });

  it('when WeChat answers 46003, then get returns null (no menu)', async () => {
    const { api } = fakeCaller(() => {
      throw errcode(46003);
    });
    expect(await new MenuApi(api).get()).toBeNull();
  });

  it('when WeChat answers another errcode, then get throws it', async () => {
    const { api } = fakeCaller(() => {
      throw errcode(40001);
    });
    await expect(new MenuApi(api).get()).rejects.toMatchObject({ errcode: 40001 });
  });

  it('when an old menu shows retired match fields, then they are readable', async () => {
    const { api } = fakeCaller(() => ({
      menu: { button: [{ type: 'click', name: 'a', key: 'K' }] },
      conditionalmenu: [{ button: [], matchrule: { group_id: 2, sex: 1, country: '中国', province: '广东', city: '广州', language: 'zh_CN' }, menuid: 5 }],
    }));
    const config = await new MenuApi(api).get();
    expect(config?.menu.menuId).toBeNull();
    expect(config?.conditionalMenus[0]?.matchRule).toEqual({ groupId: '2', sex: '1', country: '中国', province: '广东', city: '广州', language: 'zh_CN' });
  });
});
