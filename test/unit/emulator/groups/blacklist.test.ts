import { APP_ID, audienceEmulator } from './users-fake-emulator';

describe('emulator blacklist', () => {
  it('when 20 followers are blacklisted, then getblacklist lists them and user/info still knows them', async () => {
    const e = audienceEmulator();
    const all = e.seed(30);
    expect(await e.post('/cgi-bin/tags/members/batchblacklist', { openid_list: all.slice(0, 20) })).toEqual({ errcode: 0, errmsg: 'ok' });
    const page = await e.post('/cgi-bin/tags/members/getblacklist', { begin_openid: '' });
    expect(page).toEqual({ total: 20, count: 20, data: { openid: all.slice(0, 20) }, next_openid: all[19] });
    expect(await e.post('/cgi-bin/tags/members/getblacklist', { begin_openid: page.next_openid })).toEqual({ total: 20, count: 0, next_openid: '' });
    expect(e.emu.followers(APP_ID).get(all[0]!)!.blacklisted).toBe(true);
  });

  it('when 21 openids or none are sent, then 40032 and nobody is blacklisted', async () => {
    const e = audienceEmulator();
    const all = e.seed(21);
    expect((await e.post('/cgi-bin/tags/members/batchblacklist', { openid_list: all })).errcode).toBe(40032);
    expect((await e.post('/cgi-bin/tags/members/batchblacklist', { openid_list: [] })).errcode).toBe(40032);
    expect((await e.post('/cgi-bin/tags/members/batchunblacklist', { openid_list: all })).errcode).toBe(40032);
    expect((await e.post('/cgi-bin/tags/members/getblacklist', {})).total).toBe(0);
  });

  it('when one openid is not a follower, then 40003 and the others are not blacklisted either', async () => {
    const e = audienceEmulator();
    const [a] = e.seed(1);
    expect((await e.post('/cgi-bin/tags/members/batchblacklist', { openid_list: [a, 'ghost'] })).errcode).toBe(40003);
    expect(e.emu.followers(APP_ID).get(a!)!.blacklisted).toBe(false);
  });

  it('when a blacklisted user unfollowed, then they stay listed and can be unblocked', async () => {
    const e = audienceEmulator();
    const [a, b] = e.seed(2);
    await e.post('/cgi-bin/tags/members/batchblacklist', { openid_list: [a, b] });
    e.emu.unfollow(APP_ID, a!);
    expect((await e.post('/cgi-bin/tags/members/getblacklist', {})).data.openid).toEqual([a, b]);
    await e.post('/cgi-bin/tags/members/batchunblacklist', { openid_list: [a] });
    expect(await e.post('/cgi-bin/tags/members/getblacklist', {})).toMatchObject({ total: 1, data: { openid: [b] } });
  });
});
