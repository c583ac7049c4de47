import { apiClientFor } from '../../helpers/api-client';
import { startEmulator, type StartedEmulator } from '../../helpers/emulator';
import { WeChatApiError } from '../../../src/wechat-api/errors';
import { MenuApi, type MenuButton } from '../../../src/wechat-api/menu';

let emulator: StartedEmulator;
let menus: MenuApi;

beforeEach(async () => {
  emulator = await startEmulator();
  const { appId, secret } = emulator.account;
  menus = new MenuApi(apiClientFor(emulator.url, appId, secret));
});
afterEach(() => emulator.close());

const controlPost = (path: string, body: unknown) =>
  fetch(`${emulator.url}/__emulator/accounts/${emulator.account.appId}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

const menu: MenuButton[] = [
  { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
  {
    name: '菜单',
    subButtons: [
      { type: 'view', name: '搜索', url: 'https://www.soso.com/' },
      { type: 'miniprogram', name: 'wxa', url: 'https://mp.weixin.qq.com', appId: 'wx286b93c14bbf93aa', pagePath: 'pages/lunar/index' },
      { type: 'scancode_push', name: '扫码', key: 'SCAN' },
    ],
  },
];

async function errcodeOf(work: Promise<unknown>): Promise<number> {
  try {
    await work;
  } catch (err) {
    if (err instanceof WeChatApiError) return err.errcode;
    throw err;
  }
  throw new Error('expected a WeChatApiError');
}

describe('MenuApi against the emulator', () => {
  it('when a menu is created, then get returns the same domain buttons with a menu id', async () => {
    await menus.create(menu);
    const config = await menus.get();
    expect(config).toEqual({ menu: { menuId: expect.stringMatching(/^\d+$/), buttons: menu }, conditionalMenus: [] });
  });

  it('when a top-level name is 17 bytes, then create fails with 40018 and there is still no menu', async () => {
    expect(await errcodeOf(menus.create([{ type: 'click', name: 'abcdefghijklmnopq', key: 'K' }]))).toBe(40018);
    expect(await menus.get()).toBeNull();
  });

  it('when there is no menu, then get returns null; after delete too', async () => {
    expect(await menus.get()).toBeNull();
    await menus.create(menu);
    await menus.delete();
    expect(await menus.get()).toBeNull();
  });

  it('when a conditional menu targets a tag, then tryMatch shows it to a follower whose last tag is that one, and not after delConditional', async () => {
    await menus.create(menu);
    const menuId = await menus.addConditional([{ type: 'click', name: 'VIP', key: 'VIP' }], { tagId: '100' });
    const fan = emulator.emu.follow(emulator.account.appId, 'oVip');
    fan.tagIds = [2, 100];
    expect((await menus.get())?.conditionalMenus).toEqual([{ menuId, buttons: [{ type: 'click', name: 'VIP', key: 'VIP' }], matchRule: { tagId: '100' } }]);
    expect(await menus.tryMatch('oVip')).toEqual([{ type: 'click', name: 'VIP', key: 'VIP' }]);
    await menus.delConditional(menuId);
    expect(await menus.tryMatch('oVip')).toEqual(menu);
  });

  it('when a conditional menu uses a retired field or has no default menu, then 65320 / 65303 come back', async () => {
    expect(await errcodeOf(menus.addConditional(menu, { tagId: '2' }))).toBe(65303);
    await menus.create(menu);
    expect(await errcodeOf(menus.addConditional(menu, { sex: '1' }))).toBe(65320);
    expect(await errcodeOf(menus.addConditional(menu, {}))).toBe(65304);
  });

  it('when a rule targets Android, then a follower marked Android sees it', async () => {
    await menus.create(menu);
    await menus.addConditional([{ type: 'click', name: 'android', key: 'A' }], { clientPlatformType: 'android' });
    emulator.emu.follow(emulator.account.appId, 'oDroid');
    expect((await controlPost('/fans/oDroid/client-platform', { clientPlatformType: 2 })).status).toBe(200);
    expect(await menus.tryMatch('oDroid')).toEqual([{ type: 'click', name: 'android', key: 'A' }]);
  });

  it('when the live menu is read, then an API menu comes back normalized and a console menu with its own types', async () => {
    await menus.create(menu);
    expect(await menus.getCurrentSelfMenuInfo()).toEqual({
      isMenuOpen: true,
      buttons: [
        { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
        {
          name: '菜单',
          subButtons: [
            { type: 'view', name: '搜索', url: 'https://www.soso.com/' },
            { type: 'miniprogram', name: 'wxa', url: 'https://mp.weixin.qq.com', appId: 'wx286b93c14bbf93aa', pagePath: 'pages/lunar/index' },
            { type: 'scancode_push', name: '扫码', key: 'SCAN' },
          ],
        },
      ],
    });
    await controlPost('/selfmenu-info', {
      is_menu_open: 1,
      selfmenu_info: {
        button: [{ name: '控制台', sub_button: { list: [{ type: 'news', name: '图文', value: 'MID', news_info: { list: [{ title: 'T', show_cover: 1 }] } }] } }],
      },
    });
    const info = await menus.getCurrentSelfMenuInfo();
    expect(info.buttons[0]?.subButtons?.[0]).toMatchObject({ type: 'news', value: 'MID', news: [{ title: 'T', showCover: true }] });
  });

  it('when auto-reply rules are seeded, then getCurrentAutoReplyInfo maps them', async () => {
    expect(await menus.getCurrentAutoReplyInfo()).toEqual({ addFriendReplyOpen: false, autoReplyOpen: false, addFriendReply: null, defaultReply: null, keywordRules: [] });
    await controlPost('/autoreply-info', {
      is_add_friend_reply_open: 1,
      is_autoreply_open: 1,
      add_friend_autoreply_info: { type: 'text', content: '欢迎' },
      keyword_autoreply_info: {
        list: [
          {
            rule_name: 'price',
            create_time: 1700000000,
            reply_mode: 'reply_all',
            keyword_list_info: [{ type: 'text', match_mode: 'equal', content: '价格' }],
            reply_list_info: [{ type: 'text', content: '99' }],
          },
        ],
      },
    });
    expect(await menus.getCurrentAutoReplyInfo()).toEqual({
      addFriendReplyOpen: true,
      autoReplyOpen: true,
      addFriendReply: { type: 'text', content: '欢迎' },
      defaultReply: null,
      keywordRules: [
        { ruleName: 'price', createTime: 1700000000, replyMode: 'reply_all', keywords: [{ type: 'text', matchMode: 'equal', content: '价格' }], replies: [{ type: 'text', content: '99' }] },
      ],
    });
  });
});
