import { APP_ID, startHarness } from './menus-and-service-harness';

describe('get_current_selfmenu_info', () => {
  it('when no menu exists, then is_menu_open is 0', async () => {
    expect(await startHarness().get('/cgi-bin/get_current_selfmenu_info')).toEqual({ is_menu_open: 0 });
  });

  it('when an API menu exists, then it is reflected with sub-menus wrapped as sub_button.list', async () => {
    const h = startHarness();
    await h.post('/cgi-bin/menu/create', {
      button: [{ type: 'click', name: 'a', key: 'K' }, { name: 'p', sub_button: [{ type: 'view', name: 'v', url: 'https://x.cn/' }] }],
    });
    expect(await h.get('/cgi-bin/get_current_selfmenu_info')).toEqual({
      is_menu_open: 1,
      selfmenu_info: {
        button: [
          { type: 'click', name: 'a', key: 'K' },
          { name: 'p', sub_button: { list: [{ type: 'view', name: 'v', url: 'https://x.cn/' }] } },
        ],
      },
    });
  });

  it('when a console menu is seeded, then it is shown until an API menu replaces it, and delete closes the menu', async () => {
    const h = startHarness();
    const consoleMenu = { is_menu_open: 1, selfmenu_info: { button: [{ type: 'text', name: '文本', value: '你好' }] } };
    expect((await h.http.post(`/__emulator/accounts/${APP_ID}/selfmenu-info`).send(consoleMenu)).status).toBe(200);
    expect(await h.get('/cgi-bin/get_current_selfmenu_info')).toEqual(consoleMenu);
    await h.post('/cgi-bin/menu/create', { button: [{ type: 'click', name: 'api', key: 'K' }] });
    expect(await h.get('/cgi-bin/get_current_selfmenu_info')).toMatchObject({ selfmenu_info: { button: [{ name: 'api' }] } });
    await h.get('/cgi-bin/menu/delete');
    expect(await h.get('/cgi-bin/get_current_selfmenu_info')).toEqual({ is_menu_open: 0 });
  });
});

describe('get_current_autoreply_info', () => {
  const seeded = {
    is_add_friend_reply_open: 1,
    is_autoreply_open: 1,
    add_friend_autoreply_info: { type: 'text', content: 'Thanks for your attention!' },
    message_default_autoreply_info: { type: 'text', content: 'Hello, this is autoreply!' },
    keyword_autoreply_info: {
      list: [
        {
          rule_name: 'autoreply-news',
          create_time: 1423028166,
          reply_mode: 'reply_all',
          keyword_list_info: [{ type: 'text', match_mode: 'contain', content: 'news测试' }],
          reply_list_info: [{ type: 'text', content: 'hi' }],
        },
      ],
    },
  };

  it('when nothing was seeded, then both switches are off and there are no rules', async () => {
    expect(await startHarness().get('/cgi-bin/get_current_autoreply_info')).toEqual({ is_add_friend_reply_open: 0, is_autoreply_open: 0 });
  });

  it('when rules are seeded through the control API, then the API answers them as given', async () => {
    const h = startHarness();
    expect((await h.http.post(`/__emulator/accounts/${APP_ID}/autoreply-info`).send(seeded)).status).toBe(200);
    expect(await h.get('/cgi-bin/get_current_autoreply_info')).toEqual(seeded);
  });

  it('when the seed is malformed or the account unknown, then the control API refuses it', async () => {
    const h = startHarness();
    const badMode = { keyword_autoreply_info: { list: [{ rule_name: 'r', keyword_list_info: [{ match_mode: 'fuzzy' }] }] } };
    expect((await h.http.post(`/__emulator/accounts/${APP_ID}/autoreply-info`).send(badMode)).status).toBe(400);
    expect((await h.http.post(`/__emulator/accounts/${APP_ID}/autoreply-info`).send({ is_autoreply_open: 2 })).status).toBe(400);
    expect((await h.http.post('/__emulator/accounts/wx00000000000nobody/autoreply-info').send(seeded)).status).toBe(404);
  });
});
