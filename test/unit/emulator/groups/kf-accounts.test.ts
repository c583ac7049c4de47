import { APP_ID, startHarness, type Harness } from './menus-and-service-harness';
import { MAX_AGENTS } from '../../../../src/emulator/groups/kf-state';

const add = (h: Harness, kf_account: string, nickname = '客服') => h.post('/customservice/kfaccount/add', { kf_account, nickname });
const invite = (h: Harness, kf_account: string, invite_wx: string) => h.post('/customservice/kfaccount/inviteworker', { kf_account, invite_wx });
const answer = (h: Harness, kf: string, a: string) => h.http.post(`/__emulator/accounts/${APP_ID}/kf/${encodeURIComponent(kf)}/invite`).send({ answer: a });

describe('kfaccount/add (§6.3)', () => {
  it.each([
    ['a prefix longer than 10', 'abcdefghijk@wxoa_test', 65404],
    ['an illegal character in the prefix', 'ab-c@wxoa_test', 65404],
    ['another account\'s WeChat ID as suffix', 'kf1@someone_else', 65404],
    ['no @ at all', 'kf1', 65404],
  ])('when the kf_account has %s, then it is refused', async (_c, account, errcode) => {
    expect(await add(startHarness(), account)).toMatchObject({ errcode });
  });

  it('when the nickname is empty or longer than 16 characters, then it is 65403; 16 CJK characters pass', async () => {
    const h = startHarness();
    expect(await add(h, 'kf1@wxoa_test', '')).toMatchObject({ errcode: 65403 });
    expect(await add(h, 'kf1@wxoa_test', '客'.repeat(17))).toMatchObject({ errcode: 65403 });
    expect(await add(h, 'kf1@wxoa_test', '客'.repeat(16))).toMatchObject({ errcode: 0 });
  });

  it('when the account already exists, then it is 65406', async () => {
    const h = startHarness();
    await add(h, 'kf1@wxoa_test');
    expect(await add(h, 'kf1@wxoa_test')).toMatchObject({ errcode: 65406 });
  });

  it(`when ${MAX_AGENTS} agents exist, then the next is 65405`, async () => {
    const h = startHarness();
    for (let i = 0; i < MAX_AGENTS; i++) expect(await add(h, `kf${i}@wxoa_test`)).toMatchObject({ errcode: 0 });
    expect(await add(h, 'one_more@wxoa_test')).toMatchObject({ errcode: 65405 });
  });
});

describe('kfaccount update/del and the lists', () => {
  it('when an agent is added and renamed, then getkflist shows it under /cgi-bin/customservice/', async () => {
    const h = startHarness();
    await add(h, 'kf1@wxoa_test', 'A');
    expect(await h.post('/customservice/kfaccount/update', { kf_account: 'kf1@wxoa_test', nickname: 'B' })).toMatchObject({ errcode: 0 });
    expect((await h.get('/cgi-bin/customservice/getkflist')).kf_list).toEqual([
      { kf_account: 'kf1@wxoa_test', kf_headimgurl: expect.any(String), kf_id: '1001', kf_nick: 'B' },
    ]);
  });

  it('when update or delete name an unknown agent, then it is 65401', async () => {
    const h = startHarness();
    expect(await h.post('/customservice/kfaccount/update', { kf_account: 'no@wxoa_test', nickname: 'B' })).toMatchObject({ errcode: 65401 });
    expect(await h.get('/customservice/kfaccount/del', { kf_account: 'no@wxoa_test' })).toMatchObject({ errcode: 65401 });
  });

  it('when an agent is deleted, then it leaves the list', async () => {
    const h = startHarness();
    await add(h, 'kf1@wxoa_test');
    expect(await h.get('/customservice/kfaccount/del', { kf_account: 'kf1@wxoa_test' })).toMatchObject({ errcode: 0 });
    expect(await h.get('/cgi-bin/customservice/getkflist')).toEqual({ kf_list: [] });
  });

  it('when the agent paths are called without their prefix difference, then they are not served', async () => {
    const h = startHarness();
    expect((await h.http.get('/customservice/getkflist')).status).toBe(404);
    expect((await h.http.post('/cgi-bin/customservice/kfaccount/add').send({})).status).toBe(404);
  });

  it('when the account is not verified, then the agent API is 48001', async () => {
    expect(await add(startHarness({ verified: false }), 'kf1@wxoa_test')).toMatchObject({ errcode: 48001 });
  });
});

describe('kfaccount/inviteworker', () => {
  it('when an invitation is sent, then the list shows it waiting with an expiry, and it reads expired after a week', async () => {
    const h = startHarness();
    await add(h, 'kf1@wxoa_test');
    expect(await invite(h, 'kf1@wxoa_test', 'worker_01')).toMatchObject({ errcode: 0 });
    const [entry] = (await h.get('/cgi-bin/customservice/getkflist')).kf_list as Record<string, unknown>[];
    expect(entry).toMatchObject({ invite_wx: 'worker_01', invite_status: 'waiting', invite_expire_time: h.emu.nowSeconds() + 7 * 86_400 });
    h.clock.advance(7 * 86_400_000);
    expect(((await h.get('/cgi-bin/customservice/getkflist')).kf_list as Record<string, unknown>[])[0]).toMatchObject({ invite_status: 'expired' });
  });

  it('when an invitation is accepted, then the agent is bound (kf_wx) and a second invite is 65412', async () => {
    const h = startHarness();
    await add(h, 'kf1@wxoa_test');
    await invite(h, 'kf1@wxoa_test', 'worker_01');
    expect((await answer(h, 'kf1@wxoa_test', 'accept')).status).toBe(200);
    expect(((await h.get('/cgi-bin/customservice/getkflist')).kf_list as Record<string, unknown>[])[0]).toMatchObject({ kf_wx: 'worker_01' });
    expect(await invite(h, 'kf1@wxoa_test', 'worker_02')).toMatchObject({ errcode: 65412 });
  });

  it('when the rules of §6.3 are broken, then each answers its code (65409, 65411, 65407, 65408, 65401)', async () => {
    const h = startHarness();
    for (const a of ['kf1', 'kf2', 'kf3']) await add(h, `${a}@wxoa_test`);
    expect(await invite(h, 'kf1@wxoa_test', '1bad')).toMatchObject({ errcode: 65409 });
    expect(await invite(h, 'nobody@wxoa_test', 'worker_01')).toMatchObject({ errcode: 65401 });
    await invite(h, 'kf1@wxoa_test', 'worker_01');
    expect(await invite(h, 'kf1@wxoa_test', 'worker_09')).toMatchObject({ errcode: 65411 });
    expect(await invite(h, 'kf2@wxoa_test', 'worker_01')).toMatchObject({ errcode: 65408 });
    await answer(h, 'kf1@wxoa_test', 'accept');
    expect(await invite(h, 'kf3@wxoa_test', 'worker_01')).toMatchObject({ errcode: 65407 });
  });

  it('when a rejected invitation is replaced, then the new one is accepted', async () => {
    const h = startHarness();
    await add(h, 'kf1@wxoa_test');
    await invite(h, 'kf1@wxoa_test', 'worker_01');
    await answer(h, 'kf1@wxoa_test', 'reject');
    expect(((await h.get('/cgi-bin/customservice/getkflist')).kf_list as Record<string, unknown>[])[0]).toMatchObject({ invite_status: 'rejected' });
    expect(await invite(h, 'kf1@wxoa_test', 'worker_02')).toMatchObject({ errcode: 0 });
  });

  it('when a WeChat user already serves five accounts, then a sixth invitation is 65410', async () => {
    const h = startHarness();
    const ids = ['wx0000000000kfacc1', 'wx0000000000kfacc2', 'wx0000000000kfacc3', 'wx0000000000kfacc4', 'wx0000000000kfacc5'];
    for (const appId of ids) {
      const acc = h.emu.addAccount({ appId, wechatId: `wxoa_${appId.slice(-4)}` });
      const token = (await h.http.get('/cgi-bin/token').query({ grant_type: 'client_credential', appid: appId, secret: acc.secret })).body.access_token;
      const kf = `kf@${acc.wechatId}`;
      await h.http.post('/customservice/kfaccount/add').query({ access_token: token }).send({ kf_account: kf, nickname: 'x' });
      await h.http.post('/customservice/kfaccount/inviteworker').query({ access_token: token }).send({ kf_account: kf, invite_wx: 'busy_worker' });
      await h.http.post(`/__emulator/accounts/${appId}/kf/${encodeURIComponent(kf)}/invite`).send({ answer: 'accept' });
    }
    await add(h, 'kf1@wxoa_test');
    expect(await invite(h, 'kf1@wxoa_test', 'busy_worker')).toMatchObject({ errcode: 65410 });
  });
});
