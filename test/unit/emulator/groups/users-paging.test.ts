import { APP_ID, audienceEmulator } from './users-fake-emulator';

describe('emulator user/get paging', () => {
  it('when 20 001 follow, then pages of 10 000, 10 000 and 1 each carry their last openid, and the call after answers count 0, no data, next_openid ""', async () => {
    const e = audienceEmulator();
    const all = e.seed(20_001);
    const first = await e.get('/cgi-bin/user/get');
    expect([first.total, first.count, first.data.openid.length, first.next_openid]).toEqual([20_001, 10_000, 10_000, all[9_999]]);
    const second = await e.get('/cgi-bin/user/get', { next_openid: first.next_openid });
    expect([second.count, second.data.openid[0], second.next_openid]).toEqual([10_000, all[10_000], all[19_999]]);
    const last = await e.get('/cgi-bin/user/get', { next_openid: second.next_openid });
    expect(last).toEqual({ total: 20_001, count: 1, data: { openid: [all[20_000]] }, next_openid: all[20_000] });
    expect(await e.get('/cgi-bin/user/get', { next_openid: last.next_openid })).toEqual({ total: 20_001, count: 0, next_openid: '' });
  });

  it('when exactly 10 000 follow, then the full page still carries a next_openid and the next call is empty', async () => {
    const e = audienceEmulator();
    const all = e.seed(10_000);
    const page = await e.get('/cgi-bin/user/get', { next_openid: '' });
    expect([page.count, page.next_openid]).toEqual([10_000, all[9_999]]);
    expect((await e.get('/cgi-bin/user/get', { next_openid: page.next_openid })).count).toBe(0);
  });

  it('when some unfollowed, then total and pages leave them out, and a cursor on an unfollower still works', async () => {
    const e = audienceEmulator();
    const all = e.seed(5);
    e.emu.unfollow(APP_ID, all[1]!);
    e.emu.unfollow(APP_ID, all[3]!);
    expect(await e.get('/cgi-bin/user/get')).toMatchObject({ total: 3, count: 3, data: { openid: [all[0], all[2], all[4]] } });
    expect(await e.get('/cgi-bin/user/get', { next_openid: all[1]! })).toMatchObject({ count: 2, data: { openid: [all[2], all[4]] } });
  });

  it('when the account has no followers, then the first call is already the empty end', async () => {
    expect(await audienceEmulator().get('/cgi-bin/user/get')).toEqual({ total: 0, count: 0, next_openid: '' });
  });

  it('when next_openid was never a follower, then 40003', async () => {
    const e = audienceEmulator();
    e.seed(2);
    expect((await e.get('/cgi-bin/user/get', { next_openid: 'oNever' })).errcode).toBe(40003);
  });
});
