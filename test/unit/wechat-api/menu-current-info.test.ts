import type { ApiCaller } from '../../../src/wechat-api/caller';
import { MenuApi } from '../../../src/wechat-api/menu';

function answering(body: unknown) {
  const paths: string[] = [];
  const api: ApiCaller = {
    get: async <T>(path: string) => {
      paths.push(path);
      return body as T;
    },
    post: () => Promise.reject(new Error('not used')),
    upload: () => Promise.reject(new Error('not used')),
    download: () => Promise.reject(new Error('not used')),
  };
  return { menus: new MenuApi(api), paths };
}

describe('MenuApi.getCurrentSelfMenuInfo', () => {
  it('when the live menu was made in the console, then console types, news_info.list and sub_button.list are flattened', async () => {
    const { menus, paths } = answering({
      is_menu_open: 1,
      selfmenu_info: {
        button: [
          { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
          {
            name: '菜单',
            sub_button: {
              list: [
                { type: 'view', name: '搜索', url: 'http://www.soso.com/' },
                {
                  type: 'news',
                  name: '图文',
                  value: 'KQb_w_Tiz-nSdVLoTV35Psmty8hGBulGhEdbb9SKs-o',
                  news_info: {
                    list: [
                      { title: 'MULTI_NEWS', author: 'JIMZHENG', digest: 'text', show_cover: 0, cover_url: 'http://c/', content_url: 'http://u/', source_url: '' },
                    ],
                  },
                },
                { type: 'video', name: '视频', value: 'http://61.161.5.178/v.mp4' },
                { type: 'text', name: '文本', value: '你好' },
              ],
            },
          },
        ],
      },
    });
    const info = await menus.getCurrentSelfMenuInfo();
    expect(paths).toEqual(['/cgi-bin/get_current_selfmenu_info']);
    expect(info).toEqual({
      isMenuOpen: true,
      buttons: [
        { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
        {
          name: '菜单',
          subButtons: [
            { type: 'view', name: '搜索', url: 'http://www.soso.com/' },
            {
              type: 'news',
              name: '图文',
              value: 'KQb_w_Tiz-nSdVLoTV35Psmty8hGBulGhEdbb9SKs-o',
              news: [{ title: 'MULTI_NEWS', author: 'JIMZHENG', digest: 'text', showCover: false, coverUrl: 'http://c/', contentUrl: 'http://u/', sourceUrl: '' }],
            },
            { type: 'video', name: '视频', value: 'http://61.161.5.178/v.mp4' },
            { type: 'text', name: '文本', value: '你好' },
          ],
        },
      ],
    });
  });

  it('when no menu is open, then isMenuOpen is false with no buttons', async () => {
    expect(await answering({ is_menu_open: 0 }).menus.getCurrentSelfMenuInfo()).toEqual({ isMenuOpen: false, buttons: [] });
  });
});

describe('MenuApi.getCurrentAutoReplyInfo', () => {
  it('when the console has rules, then switches, follow/default replies and keyword rules come back camelCase', async () => {
    const { menus, paths } = answering({
      is_add_friend_reply_open: 1,
      is_autoreply_open: 0,
      add_friend_autoreply_info: { type: 'text', content: 'Thanks for your attention!' },
      message_default_autoreply_info: { type: 'img', content: 'MEDIA_ID' },
      keyword_autoreply_info: {
        list: [
          {
            rule_name: 'autoreply-news',
            create_time: 1423028166,
            reply_mode: 'random_one',
            keyword_list_info: [
              { type: 'text', match_mode: 'contain', content: 'news测试' },
              { type: 'text', match_mode: 'equal', content: 'hi' },
            ],
            reply_list_info: [
              { type: 'news', news_info: { list: [{ title: 't', author: 'a', digest: 'd', show_cover: 1, cover_url: 'c', content_url: 'u', source_url: 's' }] } },
              { type: 'video', content: 'http://v/' },
            ],
          },
        ],
      },
    });
    const info = await menus.getCurrentAutoReplyInfo();
    expect(paths).toEqual(['/cgi-bin/get_current_autoreply_info']);
    expect(info).toEqual({
      addFriendReplyOpen: true,
      autoReplyOpen: false,
      addFriendReply: { type: 'text', content: 'Thanks for your attention!' },
      defaultReply: { type: 'img', content: 'MEDIA_ID' },
      keywordRules: [
        {
          ruleName: 'autoreply-news',
          createTime: 1423028166,
          replyMode: 'random_one',
          keywords: [
            { type: 'text', matchMode: 'contain', content: 'news测试' },
            { type: 'text', matchMode: 'equal', content: 'hi' },
          ],
          replies: [
            { type: 'news', news: [{ title: 't', author: 'a', digest: 'd', showCover: true, coverUrl: 'c', contentUrl: 'u', sourceUrl: 's' }] },
            { type: 'video', content: 'http://v/' },
          ],
        },
      ],
    });
  });

  it('when nothing is configured, then the replies are null and the rules empty', async () => {
    expect(await answering({ is_add_friend_reply_open: 0, is_autoreply_open: 0 }).menus.getCurrentAutoReplyInfo()).toEqual({
      addFriendReplyOpen: false,
      autoReplyOpen: false,
      addFriendReply: null,
      defaultReply: null,
      keywordRules: [],
    });
  });
});
