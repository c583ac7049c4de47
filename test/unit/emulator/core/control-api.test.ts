import { createEmulator, type Follower } from '../../../../src/emulator';
import { ManualClock } from '../../../../src/shared/clock';
import { startEmulator, type StartedEmulator } from '../../../helpers/emulator';

type Seeded = { count: number; openids: string[] };

const json = (body: unknown) => ({ method: 'POST', body: JSON.stringify(body) });

describe('control API: accounts', () => {
  let e: StartedEmulator;
  beforeEach(async () => {
    e = await startEmulator({ clock: new ManualClock() });
  });
  afterEach(() => e.close());

  it('when an account is created with only appId and secret, then the documented defaults fill the rest', async () => {
    const res = await fetch(`${e.url}/__emulator/accounts`, json({ appId: 'wx1234567890abcdef', secret: 's3cret' }));
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({
      appId: 'wx1234567890abcdef', secret: 's3cret', type: 'service', verified: true, originalId: 'gh_567890abcdef',
      wechatId: 'wxoa_abcdef', token: expect.any(String), encodingAESKey: null, mode: 'plaintext', webhookUrl: null,
    });
  });

  it('when an account is created twice or with a bad appId, then 409 / 400', async () => {
    expect((await fetch(`${e.url}/__emulator/accounts`, json({ appId: e.account.appId }))).status).toBe(409);
    expect((await fetch(`${e.url}/__emulator/accounts`, json({ appId: 'nope' }))).status).toBe(400);
  });

  it('when safe mode is asked for without a key, then 400', async () => {
    expect((await fetch(`${e.url}/__emulator/accounts`, json({ appId: 'wx1234567890abcdef', mode: 'safe' }))).status).toBe(400);
  });

  it('when an account is patched, then only the given fields change and the token endpoint sees the new secret', async () => {
    const res = await fetch(`${e.url}/__emulator/accounts/${e.account.appId}`, { method: 'PATCH', body: JSON.stringify({ secret: 'new', mode: 'safe' }) });
    expect(await res.json()).toMatchObject({ secret: 'new', mode: 'safe', token: 'pamtest' });
    const token = await (await fetch(`${e.url}/cgi-bin/token?grant_type=client_credential&appid=${e.account.appId}&secret=new`)).json();
    expect(token).toMatchObject({ expires_in: 7200 });
  });

  it('when an account is deleted, then it is gone from the list and GET answers 404', async () => {
    expect((await fetch(`${e.url}/__emulator/accounts/${e.account.appId}`, { method: 'DELETE' })).status).toBe(204);
    expect((await fetch(`${e.url}/__emulator/accounts/${e.account.appId}`)).status).toBe(404);
    expect(await (await fetch(`${e.url}/__emulator/accounts`)).json()).toEqual({ accounts: [] });
  });
});

describe('control API: followers and clock', () => {
  let e: StartedEmulator;
  let clock: ManualClock;
  beforeEach(async () => {
    clock = new ManualClock();
    e = await startEmulator({ clock });
  });
  afterEach(() => e.close());

  it('when fans are seeded, then they get deterministic 28-character openids continuing across calls, with the tags', async () => {
    const first = (await (await fetch(`${e.url}/__emulator/accounts/${e.account.appId}/fans`, json({ count: 2, prefix: 'seed', tagIds: [100] }))).json()) as Seeded;
    const second = (await (await fetch(`${e.url}/__emulator/accounts/${e.account.appId}/fans`, json({ count: 1, prefix: 'seed' }))).json()) as Seeded;
    expect(first.openids).toEqual(['oseed00000000000000000000001', 'oseed00000000000000000000002']);
    expect(second.openids).toEqual(['oseed00000000000000000000003']);
    const fan = (await (await fetch(`${e.url}/__emulator/accounts/${e.account.appId}/fans/oseed00000000000000000000001`)).json()) as Follower;
    expect(fan).toMatchObject({ subscribed: true, tagIds: [100], subscribeScene: 'ADD_SCENE_SEARCH' });
    expect(fan.subscribeTime).toBeLessThan(e.emu.nowSeconds());
  });

  it('when two accounts are seeded without a prefix, then their openids differ', () => {
    const { emu } = createEmulator({ accounts: [{ appId: 'wx1111111111aaaaaa' }, { appId: 'wx2222222222bbbbbb' }] });
    const a = emu.fans.seed('wx1111111111aaaaaa', 1)[0]!.openid;
    const b = emu.fans.seed('wx2222222222bbbbbb', 1)[0]!.openid;
    expect(a).toHaveLength(28);
    expect(a).not.toBe(b);
  });

  it('when an unknown fan is read, then 404', async () => {
    expect((await fetch(`${e.url}/__emulator/accounts/${e.account.appId}/fans/onobody`)).status).toBe(404);
  });

  it('when the clock is advanced, then emu time moves by that much', async () => {
    const before = e.emu.nowSeconds();
    const res = await fetch(`${e.url}/__emulator/clock`, json({ advanceSeconds: 3600 }));
    expect(res.status).toBe(200);
    expect(e.emu.nowSeconds()).toBe(before + 3600);
  });

  it('when the emulator runs on the system clock, then advancing it is a 409', async () => {
    const sys = await startEmulator();
    try {
      expect((await fetch(`${sys.url}/__emulator/clock`, json({ advanceSeconds: 1 }))).status).toBe(409);
    } finally {
      await sys.close();
    }
  });

  it('when a path is unknown, then 404 with a WeChat-shaped body', async () => {
    const res = await fetch(`${e.url}/cgi-bin/nothing/here`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ errcode: -1 });
  });

  it('when a listener watches activity, then follow and unfollow are reported in order', () => {
    const seen: string[] = [];
    e.emu.onActivity((appId, openid, a) => seen.push(`${openid}:${a.kind}`));
    e.emu.follow(e.account.appId, 'oA');
    e.emu.unfollow(e.account.appId, 'oA');
    e.emu.unfollow(e.account.appId, 'oA');
    expect(seen).toEqual(['oA:subscribe', 'oA:unsubscribe']);
    expect(e.emu.followers(e.account.appId).get('oA')).toMatchObject({ subscribed: false, unsubscribeTime: e.emu.nowSeconds() });
  });
});
