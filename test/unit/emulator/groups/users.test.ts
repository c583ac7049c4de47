import { APP_ID, audienceEmulator, OTHER_APP_ID } from './users-fake-emulator';

describe('emulator user/info', () => {
  it('when the user follows, then the post-2021 fields come back and no nickname', async () => {
    const e = audienceEmulator();
    const [openid] = e.seed(1);
    const f = e.emu.followers(APP_ID).get(openid!)!;
    f.tagIds = [101, 2];
    f.remark = 'vip';
    f.nickname = 'secret name';
    expect(await e.get('/cgi-bin/user/info', { openid: openid!, lang: 'en' })).toEqual({
      subscribe: 1, openid, language: 'zh_CN', subscribe_time: f.subscribeTime, remark: 'vip', groupid: 0,
      tagid_list: [101, 2], subscribe_scene: 'ADD_SCENE_SEARCH', qr_scene: 0, qr_scene_str: '',
    });
  });

  it('when the user unfollowed, then only subscribe 0 and openid (and unionid when bound) come back', async () => {
    const e = audienceEmulator();
    const [a, b] = e.seed(2);
    e.emu.followers(APP_ID).get(b!)!.unionid = 'union-b';
    e.emu.unfollow(APP_ID, a!);
    e.emu.unfollow(APP_ID, b!);
    expect(await e.get('/cgi-bin/user/info', { openid: a! })).toEqual({ subscribe: 0, openid: a });
    expect(await e.get('/cgi-bin/user/info', { openid: b! })).toEqual({ subscribe: 0, openid: b, unionid: 'union-b' });
  });

  it('when the openid is unknown or belongs to another account, then 40003', async () => {
    const e = audienceEmulator();
    const [other] = e.seed(1, { appId: OTHER_APP_ID, prefix: 'x' });
    expect((await e.get('/cgi-bin/user/info', { openid: 'nobody' })).errcode).toBe(40003);
    expect((await e.get('/cgi-bin/user/info', { openid: other! })).errcode).toBe(40003);
  });

  it('when lang is not one of zh_CN, zh_TW, en, then the call fails', async () => {
    const e = audienceEmulator();
    const [openid] = e.seed(1);
    expect((await e.get('/cgi-bin/user/info', { openid: openid!, lang: 'fr' })).errcode).toBe(47001);
  });

  it('when the access token is missing, then the authentication error of the core comes back', async () => {
    const e = audienceEmulator();
    expect((await e.raw.get('/cgi-bin/user/info').query({ openid: 'x' })).body.errcode).toBe(41001);
  });
});

describe('emulator user/info/batchget', () => {
  it('when 100 users are asked for, then they come back in request order', async () => {
    const e = audienceEmulator();
    const openids = e.seed(100).reverse();
    const res = await e.post('/cgi-bin/user/info/batchget', { user_list: openids.map((openid) => ({ openid, lang: 'zh_CN' })) });
    expect(res.user_info_list.map((u: { openid: string }) => u.openid)).toEqual(openids);
  });

  it('when 101 users or none are asked for, then 40032', async () => {
    const e = audienceEmulator();
    const openids = e.seed(101);
    expect((await e.post('/cgi-bin/user/info/batchget', { user_list: openids.map((openid) => ({ openid })) })).errcode).toBe(40032);
    expect((await e.post('/cgi-bin/user/info/batchget', { user_list: [] })).errcode).toBe(40032);
  });

  it('when one openid is unknown, then the whole call is 40003', async () => {
    const e = audienceEmulator();
    const [a] = e.seed(1);
    expect((await e.post('/cgi-bin/user/info/batchget', { user_list: [{ openid: a }, { openid: 'ghost' }] })).errcode).toBe(40003);
  });

  it('when user_list is missing or the body is not JSON, then 47001', async () => {
    const e = audienceEmulator();
    expect((await e.post('/cgi-bin/user/info/batchget', {})).errcode).toBe(47001);
    const res = await e.raw.post('/cgi-bin/user/info/batchget').query({ access_token: `token-${APP_ID}` }).send('user_list=1');
    expect(res.body.errcode).toBe(47001);
  });
});

describe('emulator user/info/updateremark', () => {
  it('when a 29-character remark is set, then user/info shows it', async () => {
    const e = audienceEmulator();
    const [openid] = e.seed(1);
    const remark = '备'.repeat(29);
    expect(await e.post('/cgi-bin/user/info/updateremark', { openid, remark })).toEqual({ errcode: 0, errmsg: 'ok' });
    expect((await e.get('/cgi-bin/user/info', { openid: openid! })).remark).toBe(remark);
  });

  it('when the remark has 30 characters, then it is refused and the old remark stays', async () => {
    const e = audienceEmulator();
    const [openid] = e.seed(1);
    expect((await e.post('/cgi-bin/user/info/updateremark', { openid, remark: 'x'.repeat(30) })).errcode).toBe(45002);
    expect(e.emu.followers(APP_ID).get(openid!)!.remark).toBe('');
  });

  it('when the user is not following, then 40003', async () => {
    const e = audienceEmulator();
    const [openid] = e.seed(1);
    e.emu.unfollow(APP_ID, openid!);
    expect((await e.post('/cgi-bin/user/info/updateremark', { openid, remark: 'x' })).errcode).toBe(40003);
  });
});
