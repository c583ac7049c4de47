import { APP_ID, startHarness, type Harness } from './menus-and-service-harness';
import { MAX_CONDITIONAL_MENUS } from '../../../../src/emulator/groups/menu-routes';

const click = (name: string) => ({ type: 'click', name, key: name });

async function withDefault(h: Harness = startHarness()): Promise<Harness> {
  await h.post('/cgi-bin/menu/create', { button: [click('default')] });
  return h;
}

const add = (h: Harness, name: string, matchrule: unknown, extra: unknown[] = []) =>
  h.post('/cgi-bin/menu/addconditional', { button: [click(name), ...extra], matchrule });

describe('menu/addconditional rules (§5)', () => {
  it('when no default menu exists, then a conditional menu is refused with 65303', async () => {
    expect(await add(startHarness(), 'c', { tag_id: '2' })).toMatchObject({ errcode: 65303 });
  });

  it.each([
    ['missing', undefined],
    ['empty', {}],
    ['all blank', { tag_id: '', client_platform_type: '' }],
  ])('when the matchrule is %s, then it is refused with 65304', async (_c, matchrule) => {
    expect(await add(await withDefault(), 'c', matchrule)).toMatchObject({ errcode: 65304 });
  });

  it.each(['sex', 'country', 'province', 'city', 'language', 'group_id'])('when the matchrule uses the retired field %s, then it is refused with 65320', async (field) => {
    expect(await add(await withDefault(), 'c', { tag_id: '2', [field]: '1' })).toMatchObject({ errcode: 65320 });
  });

  it('when the client_platform_type is not 1, 2 or 3, then it is refused', async () => {
    expect(await add(await withDefault(), 'c', { client_platform_type: '4' })).toMatchObject({ errcode: 47001 });
  });

  it('when the account is not verified, then conditional menus are refused with 65306', async () => {
    expect(await add(await withDefault(startHarness({ verified: false })), 'c', { tag_id: '2' })).toMatchObject({ errcode: 65306 });
  });

  it('when a conditional button has no type, then it is 65308, and a bad URL is 65317', async () => {
    const h = await withDefault();
    expect(await h.post('/cgi-bin/menu/addconditional', { button: [{ name: 'x' }], matchrule: { tag_id: '2' } })).toMatchObject({ errcode: 65308 });
    expect(await h.post('/cgi-bin/menu/addconditional', { button: [{ type: 'view', name: 'x', url: 'not a url' }], matchrule: { tag_id: '2' } })).toMatchObject({ errcode: 65317 });
  });

  it('when the limit of conditional menus is reached, then the next is refused with 65305', async () => {
    const h = await withDefault();
    for (let i = 0; i < MAX_CONDITIONAL_MENUS; i++) expect(await add(h, `c${i}`, { tag_id: String(i + 100) })).toHaveProperty('menuid');
    expect(await add(h, 'over', { tag_id: '2' })).toMatchObject({ errcode: 65305 });
  });

  it('when conditional menus together would link a fourth domain, then it is refused with 65316', async () => {
    const h = await withDefault();
    const view = (host: string) => ({ type: 'view', name: host, url: `https://${host}/x` });
    expect(await add(h, 'a', { tag_id: '2' }, [view('a.cn'), view('b.cn')])).toHaveProperty('menuid');
    expect(await add(h, 'b', { tag_id: '3' }, [view('c.cn'), view('a.cn')])).toHaveProperty('menuid');
    expect(await add(h, 'c', { tag_id: '4' }, [view('d.cn')])).toMatchObject({ errcode: 65316 });
  });

  it('when a conditional menu is added, then get lists it with its rule and a string menuid was answered', async () => {
    const h = await withDefault();
    const res = await add(h, 'c', { tag_id: 2, client_platform_type: '1' });
    expect(typeof res.menuid).toBe('string');
    expect((await h.get('/cgi-bin/menu/get')).conditionalmenu).toEqual([
      { button: [{ type: 'click', name: 'c', key: 'c', sub_button: [] }], matchrule: { tag_id: '2', client_platform_type: '1' }, menuid: Number(res.menuid) },
    ]);
  });

  it('when delconditional names an unknown menuid, then 65301; a known one disappears', async () => {
    const h = await withDefault();
    const { menuid } = await add(h, 'c', { tag_id: '2' });
    expect(await h.post('/cgi-bin/menu/delconditional', { menuid: '1' })).toMatchObject({ errcode: 65301 });
    expect(await h.post('/cgi-bin/menu/delconditional', { menuid })).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await h.get('/cgi-bin/menu/get')).not.toHaveProperty('conditionalmenu');
  });
});

describe('menu/trymatch', () => {
  const names = (res: Record<string, unknown>) => (res.button as { name: string }[]).map((b) => b.name);

  it('when the user is unknown, then 65302', async () => {
    expect(await (await withDefault()).post('/cgi-bin/menu/trymatch', { user_id: 'oNobody' })).toMatchObject({ errcode: 65302 });
  });

  it('when there is no menu at all, then 46003', async () => {
    const h = startHarness();
    h.fan('oA', { message: false });
    expect(await h.post('/cgi-bin/menu/trymatch', { user_id: 'oA' })).toMatchObject({ errcode: 46003 });
  });

  it('when a follower has several tags, then only the last applied tag matches', async () => {
    const h = await withDefault();
    await add(h, 'for-2', { tag_id: '2' });
    h.fan('oLast2', { tagIds: [5, 2], message: false });
    h.fan('oFirst2', { tagIds: [2, 5], message: false });
    expect(names(await h.post('/cgi-bin/menu/trymatch', { user_id: 'oLast2' }))).toEqual(['for-2']);
    expect(names(await h.post('/cgi-bin/menu/trymatch', { user_id: 'oFirst2' }))).toEqual(['default']);
  });

  it('when several conditional menus match, then the newest wins', async () => {
    const h = await withDefault();
    await add(h, 'older', { tag_id: '2' });
    await add(h, 'newer', { tag_id: '2' });
    h.fan('oA', { tagIds: [2], message: false });
    expect(names(await h.post('/cgi-bin/menu/trymatch', { user_id: 'oA' }))).toEqual(['newer']);
  });

  it('when a rule names a platform, then it matches the platform set for the fan, and unknown fans count as others (3)', async () => {
    const h = await withDefault();
    await add(h, 'android', { client_platform_type: '2' });
    await add(h, 'others', { client_platform_type: '3' });
    h.fan('oAndroid', { message: false });
    h.fan('oUnknown', { message: false });
    const set = await h.http.post(`/__emulator/accounts/${APP_ID}/fans/oAndroid/client-platform`).send({ clientPlatformType: 2 });
    expect(set.status).toBe(200);
    expect(names(await h.post('/cgi-bin/menu/trymatch', { user_id: 'oAndroid' }))).toEqual(['android']);
    expect(names(await h.post('/cgi-bin/menu/trymatch', { user_id: 'oUnknown' }))).toEqual(['others']);
  });

  it('when the platform control names a fan who never followed or a bad value, then it is 404 / 400', async () => {
    const h = startHarness();
    h.fan('oA', { message: false });
    expect((await h.http.post(`/__emulator/accounts/${APP_ID}/fans/oB/client-platform`).send({ clientPlatformType: 1 })).status).toBe(404);
    expect((await h.http.post(`/__emulator/accounts/${APP_ID}/fans/oA/client-platform`).send({ clientPlatformType: 9 })).status).toBe(400);
  });
});
