import { startHarness } from './menus-and-service-harness';

const click = (name = 'a', key = 'K') => ({ type: 'click', name, key });
const view = (name = 'v', url = 'https://example.com/') => ({ type: 'view', name, url });

/** [case, button array, errcode] — one rule of §5 each. */
const rejected: [string, unknown, number][] = [
  ['no top-level button', [], 40016],
  ['four top-level buttons', [click(), click(), click(), click()], 40016],
  ['a 17-byte top-level name', [click('a'.repeat(17))], 40018],
  ['a 6-character CJK top-level name (18 bytes)', [click('一二三四五六')], 40018],
  ['an empty top-level name', [click('')], 40018],
  ['an unknown top-level type', [{ type: 'tap', name: 'a', key: 'k' }], 40017],
  ['a top-level leaf without type', [{ name: 'a', key: 'k' }], 40017],
  ['a 129-byte key', [click('a', 'k'.repeat(129))], 40019],
  ['a click without key', [{ type: 'click', name: 'a' }], 40019],
  ['a 1025-byte url', [view('v', `https://x.cn/${'a'.repeat(1025 - 13)}`)], 40020],
  ['a view without url', [{ type: 'view', name: 'v' }], 40020],
  ['a non-http url', [view('v', 'ftp://x.cn/')], 40055],
  ['six sub-buttons', [{ name: 'p', sub_button: [1, 2, 3, 4, 5, 6].map(() => click()) }], 40023],
  ['a 61-byte sub name', [{ name: 'p', sub_button: [click('b'.repeat(61))] }], 40025],
  ['an unknown sub type', [{ name: 'p', sub_button: [{ type: 'tap', name: 'a', key: 'k' }] }], 40024],
  ['a 129-byte sub key', [{ name: 'p', sub_button: [click('a', 'k'.repeat(129))] }], 40026],
  ['a 1025-byte sub url', [{ name: 'p', sub_button: [view('v', `https://x.cn/${'a'.repeat(1025 - 13)}`)] }], 40027],
  ['a non-http sub url', [{ name: 'p', sub_button: [view('v', 'javascript:alert(1)')] }], 40054],
  ['a second sub level', [{ name: 'p', sub_button: [{ name: 'q', sub_button: [click()] }] }], 40022],
  ['a 17-byte parent name', [{ name: 'p'.repeat(17), sub_button: [click()] }], 40018],
  ['a media_id button without media_id', [{ type: 'media_id', name: 'm' }], 40007],
  ['a miniprogram without appid', [{ type: 'miniprogram', name: 'm', url: 'https://x.cn/', pagepath: 'p' }], 47001],
  ['a name that is not a string', [{ type: 'click', name: 5, key: 'k' }], 47001],
];

describe('menu/create validation (§5)', () => {
  it.each(rejected)('when the menu has %s, then WeChat answers the matching errcode', async (_case, button, errcode) => {
    const h = startHarness();
    expect(await h.post('/cgi-bin/menu/create', { button })).toMatchObject({ errcode });
    // A refused menu leaves no menu behind.
    expect(await h.get('/cgi-bin/menu/get')).toMatchObject({ errcode: 46003 });
  });

  it('when the body is not JSON, then the answer is 47001', async () => {
    const h = startHarness();
    expect(await h.post('/cgi-bin/menu/create', '{"button": [')).toMatchObject({ errcode: 47001 });
  });

  it('when names sit exactly at the limits (16 bytes top, 60 bytes sub, 128-byte key, 1024-byte url), then the menu is accepted', async () => {
    const h = startHarness();
    const button = [
      click('一二三四五a', 'k'.repeat(128)),
      { name: 'p', sub_button: [click('子'.repeat(20)), view('v', `https://x.cn/${'a'.repeat(1024 - 13)}`), click(), click(), click()] },
      { type: 'miniprogram', name: 'm', url: 'https://x.cn/', appid: 'wx286b93c14bbf93aa', pagepath: 'pages/index' },
    ];
    expect(await h.post('/cgi-bin/menu/create', { button })).toEqual({ errcode: 0, errmsg: 'ok' });
  });

  it('when the request has no valid access_token, then the menu is refused before validation', async () => {
    const h = startHarness();
    const res = await h.http.post('/cgi-bin/menu/create').query({ access_token: 'nope' }).send({ button: [click()] });
    expect([40001, 40014, 42001]).toContain(res.body.errcode);
  });
});

describe('menu/get and menu/delete', () => {
  it('when a menu was created, then get answers it with empty sub_button on leaves, a numeric menuid and only known fields', async () => {
    const h = startHarness();
    await h.post('/cgi-bin/menu/create', { button: [{ ...click(), extra: 'dropped' }, { name: 'p', type: 'click', sub_button: [view()] }] });
    const got = await h.get('/cgi-bin/menu/get');
    expect(got).toEqual({
      menu: {
        button: [
          { type: 'click', name: 'a', key: 'K', sub_button: [] },
          { name: 'p', sub_button: [{ type: 'view', name: 'v', url: 'https://example.com/', sub_button: [] }] },
        ],
        menuid: expect.any(Number),
      },
    });
  });

  it('when there is no menu, then get answers 46003', async () => {
    expect(await startHarness().get('/cgi-bin/menu/get')).toMatchObject({ errcode: 46003 });
  });

  it('when the menu is deleted, then get answers 46003 and the conditional menus are gone with it', async () => {
    const h = startHarness();
    await h.post('/cgi-bin/menu/create', { button: [click()] });
    await h.post('/cgi-bin/menu/addconditional', { button: [click('c')], matchrule: { tag_id: '2' } });
    expect(await h.get('/cgi-bin/menu/delete')).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await h.get('/cgi-bin/menu/get')).toMatchObject({ errcode: 46003 });
    await h.post('/cgi-bin/menu/create', { button: [click()] });
    expect(await h.get('/cgi-bin/menu/get')).not.toHaveProperty('conditionalmenu');
  });

  it('when one account has a menu, then another account of the same emulator still has none', async () => {
    const h = startHarness();
    await h.post('/cgi-bin/menu/create', { button: [click('mine')] });
    const other = h.emu.addAccount({ appId: 'wx0000000000menu02' });
    const token = (await h.http.get('/cgi-bin/token').query({ grant_type: 'client_credential', appid: other.appId, secret: other.secret })).body.access_token;
    expect((await h.http.get('/cgi-bin/menu/get').query({ access_token: token })).body).toMatchObject({ errcode: 46003 });
    expect(await h.get('/cgi-bin/menu/get')).toHaveProperty('menu');
  });
});
