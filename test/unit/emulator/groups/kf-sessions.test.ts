import { APP_ID, startHarness, type Harness } from './menus-and-service-harness';

const control = (h: Harness, path: string, body: unknown) => h.http.post(`/__emulator/accounts/${APP_ID}${path}`).send(body as object);

/** An agent that is added, bound and (unless told otherwise) online. */
async function agent(h: Harness, prefix: string, online = true): Promise<string> {
  const kf = `${prefix}@wxoa_test`;
  await h.post('/customservice/kfaccount/add', { kf_account: kf, nickname: prefix });
  await h.post('/customservice/kfaccount/inviteworker', { kf_account: kf, invite_wx: `worker_${prefix}` });
  await control(h, `/kf/${encodeURIComponent(kf)}/invite`, { answer: 'accept' });
  if (online) await control(h, `/kf/${encodeURIComponent(kf)}/status`, { status: 1 });
  return kf;
}

const create = (h: Harness, kf_account: string, openid: string) => h.post('/customservice/kfsession/create', { kf_account, openid });

describe('kfsession create/close (§6.4)', () => {
  it('when an online bound agent takes a follower, then getsession, getsessionlist and the online list show it', async () => {
    const h = startHarness();
    const kf = await agent(h, 'kf1');
    h.fan('oA');
    expect(await create(h, kf, 'oA')).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await h.get('/customservice/kfsession/getsession', { openid: 'oA' })).toEqual({ createtime: h.emu.nowSeconds(), kf_account: kf });
    expect(await h.get('/customservice/kfsession/getsessionlist', { kf_account: kf })).toEqual({ sessionlist: [{ createtime: h.emu.nowSeconds(), openid: 'oA' }] });
    expect(await h.get('/cgi-bin/customservice/getonlinekflist')).toEqual({ kf_online_list: [{ kf_account: kf, status: 1, kf_id: '1001', accepted_case: 1 }] });
  });

  it('when the agent is unknown, unbound or offline, then it is 65401, 65402, 65415', async () => {
    const h = startHarness();
    h.fan('oA');
    await h.post('/customservice/kfaccount/add', { kf_account: 'raw@wxoa_test', nickname: 'raw' });
    const offline = await agent(h, 'off', false);
    expect(await create(h, 'ghost@wxoa_test', 'oA')).toMatchObject({ errcode: 65401 });
    expect(await create(h, 'raw@wxoa_test', 'oA')).toMatchObject({ errcode: 65402 });
    expect(await create(h, offline, 'oA')).toMatchObject({ errcode: 65415 });
  });

  it('when another agent already serves the follower, then it is 65414; the same agent again is a no-op success', async () => {
    const h = startHarness();
    const [a, b] = [await agent(h, 'a'), await agent(h, 'b')];
    h.fan('oA');
    await create(h, a, 'oA');
    expect(await create(h, b, 'oA')).toMatchObject({ errcode: 65414 });
    expect(await create(h, a, 'oA')).toMatchObject({ errcode: 0 });
  });

  it('when a session is closed, then nobody serves the follower; closing again is 65413', async () => {
    const h = startHarness();
    const kf = await agent(h, 'kf1');
    h.fan('oA');
    await create(h, kf, 'oA');
    expect(await h.post('/customservice/kfsession/close', { kf_account: kf, openid: 'oA' })).toMatchObject({ errcode: 0 });
    expect(await h.get('/customservice/kfsession/getsession', { openid: 'oA' })).toEqual({ createtime: 0, kf_account: '' });
    expect(await h.post('/customservice/kfsession/close', { kf_account: kf, openid: 'oA' })).toMatchObject({ errcode: 65413 });
  });

  it('when the openid is unknown, then create and getsession answer 40003', async () => {
    const h = startHarness();
    const kf = await agent(h, 'kf1');
    expect(await create(h, kf, 'oNobody')).toMatchObject({ errcode: 40003 });
    expect(await h.get('/customservice/kfsession/getsession', { openid: 'oNobody' })).toMatchObject({ errcode: 40003 });
  });

  it('when an agent going online has no bound WeChat user, then the control API refuses with 409', async () => {
    const h = startHarness();
    await h.post('/customservice/kfaccount/add', { kf_account: 'raw@wxoa_test', nickname: 'raw' });
    expect((await control(h, `/kf/${encodeURIComponent('raw@wxoa_test')}/status`, { status: 1 })).status).toBe(409);
  });
});

describe('kfsession/getwaitcase', () => {
  it('when followers are queued, then they are listed oldest first, and taking one into a session removes it', async () => {
    const h = startHarness();
    const kf = await agent(h, 'kf1');
    h.fan('oA');
    h.fan('oB');
    expect((await control(h, '/kf-waitcase', { openid: 'oA' })).status).toBe(201);
    h.clock.advance(5_000);
    await control(h, '/kf-waitcase', { openid: 'oB' });
    const t0 = h.emu.nowSeconds() - 5;
    expect(await h.get('/customservice/kfsession/getwaitcase')).toEqual({
      count: 2,
      waitcaselist: [
        { latest_time: t0, openid: 'oA' },
        { latest_time: t0 + 5, openid: 'oB' },
      ],
    });
    await create(h, kf, 'oA');
    expect(await h.get('/customservice/kfsession/getwaitcase')).toEqual({ count: 1, waitcaselist: [{ latest_time: t0 + 5, openid: 'oB' }] });
  });

  it('when a queued follower writes again, then latest_time moves; when they unfollow, they leave the queue', async () => {
    const h = startHarness();
    h.fan('oA');
    await control(h, '/kf-waitcase', { openid: 'oA' });
    h.clock.advance(60_000);
    h.emu.recordActivity(APP_ID, 'oA', { kind: 'message', msgType: 'text', at: h.emu.nowSeconds() });
    expect(await h.get('/customservice/kfsession/getwaitcase')).toEqual({ count: 1, waitcaselist: [{ latest_time: h.emu.nowSeconds(), openid: 'oA' }] });
    h.emu.unfollow(APP_ID, 'oA');
    expect(await h.get('/customservice/kfsession/getwaitcase')).toEqual({ count: 0, waitcaselist: [] });
  });
});
