import { BlacklistApi } from '../../../src/wechat-api/blacklist';
import { fakeCaller, openids } from './users-fake-caller';

describe('BlacklistApi', () => {
  it('when 45 openids are blacklisted, then it makes calls of 20, 20 and 5 in order', async () => {
    const caller = fakeCaller(() => ({ errcode: 0, errmsg: 'ok' }));
    const wanted = openids(45);
    await new BlacklistApi(caller).batchBlack(wanted);
    expect(caller.calls.map((c) => c.path)).toEqual(Array(3).fill('/cgi-bin/tags/members/batchblacklist'));
    expect(caller.calls.map((c) => (c.body as { openid_list: string[] }).openid_list)).toEqual([wanted.slice(0, 20), wanted.slice(20, 40), wanted.slice(40)]);
  });

  it('when 20 openids are unblocked, then one batchunblacklist call carries them', async () => {
    const caller = fakeCaller(() => ({ errcode: 0, errmsg: 'ok' }));
    await new BlacklistApi(caller).batchUnblack(openids(20));
    expect(caller.calls).toHaveLength(1);
    expect(caller.calls[0]!.path).toBe('/cgi-bin/tags/members/batchunblacklist');
  });

  it('when the list pages with begin_openid, then each call carries the previous next_openid until the empty page', async () => {
    const all = openids(3);
    const caller = fakeCaller((call) => {
      const begin = (call.body as { begin_openid: string }).begin_openid;
      const from = begin ? all.indexOf(begin) + 1 : 0;
      const page = all.slice(from, from + 2);
      return page.length ? { total: 3, count: page.length, data: { openid: page }, next_openid: page[page.length - 1] } : { total: 3, count: 0, next_openid: '' };
    });
    expect(await new BlacklistApi(caller).all()).toEqual(all);
    expect(caller.calls.map((c) => (c.body as { begin_openid: string }).begin_openid)).toEqual(['', all[1], all[2]]);
    expect(caller.calls.every((c) => c.path === '/cgi-bin/tags/members/getblacklist')).toBe(true);
  });
});
