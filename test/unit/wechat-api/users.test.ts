import { UsersApi } from '../../../src/wechat-api/users';
import { fakeCaller, openids, type RecordedCall } from './users-fake-caller';

/** A user/get that serves `all` in pages of `size` and, like WeChat, repeats a cursor past the end. */
function userGet(all: string[], size: number) {
  return (call: RecordedCall) => {
    const cursor = call.query?.next_openid as string | undefined;
    const from = cursor ? all.indexOf(cursor) + 1 : 0;
    const page = all.slice(from, from + size);
    if (page.length === 0) return { total: all.length, count: 0, next_openid: '' };
    return { total: all.length, count: page.length, data: { openid: page }, next_openid: page[page.length - 1] };
  };
}

describe('UsersApi.listFollowers', () => {
  it('when the last page still carries a next_openid, then it asks once more and stops on count 0', async () => {
    const all = openids(25);
    const caller = fakeCaller(userGet(all, 10));
    const got = await new UsersApi(caller).allFollowers();
    expect(got).toEqual(all);
    expect(caller.calls.map((c) => c.query?.next_openid)).toEqual([undefined, all[9], all[19], all[24]]);
  });

  it('when a page comes back with count 0 but a non-empty next_openid, then it stops there', async () => {
    const caller = fakeCaller((call) =>
      call.query?.next_openid ? { total: 2, count: 0, next_openid: 'oTrailing' } : { total: 2, count: 2, data: { openid: ['a', 'b'] }, next_openid: 'b' },
    );
    expect(await new UsersApi(caller).allFollowers()).toEqual(['a', 'b']);
    expect(caller.calls).toHaveLength(2);
  });

  it('when data is present but empty, then it stops even though count is missing', async () => {
    const caller = fakeCaller((call) => (call.query?.next_openid ? { data: { openid: [] }, next_openid: 'b' } : { count: 1, data: { openid: ['b'] }, next_openid: 'b' }));
    expect(await new UsersApi(caller).allFollowers()).toEqual(['b']);
    expect(caller.calls).toHaveLength(2);
  });

  it('when a page has data but an empty next_openid, then it stops instead of restarting from the top', async () => {
    const caller = fakeCaller(() => ({ total: 1, count: 1, data: { openid: ['only'] }, next_openid: '' }));
    expect(await new UsersApi(caller).allFollowers()).toEqual(['only']);
    expect(caller.calls).toHaveLength(1);
  });

  it('when the account has no followers, then it yields nothing after one call', async () => {
    const caller = fakeCaller(() => ({ total: 0, count: 0, next_openid: '' }));
    expect(await new UsersApi(caller).allFollowers()).toEqual([]);
    expect(caller.calls).toHaveLength(1);
  });

  it('when paging resumes from a saved cursor, then the first call carries it and pages report totals', async () => {
    const all = openids(7);
    const caller = fakeCaller(userGet(all, 3));
    const pages = [];
    for await (const page of new UsersApi(caller).followerPages(all[2])) pages.push(page);
    expect(caller.calls[0]!.query?.next_openid).toBe(all[2]);
    expect(pages).toEqual([
      { total: 7, openids: all.slice(3, 6), nextOpenid: all[5] },
      { total: 7, openids: all.slice(6), nextOpenid: all[6] },
    ]);
  });
});

describe('UsersApi.batchGet', () => {
  const info = (openid: string) => ({ subscribe: 1, openid, subscribe_time: 1_700_000_000, tagid_list: [2], remark: '' });

  it('when 250 openids are asked for, then it makes calls of 100, 100 and 50 and keeps the input order', async () => {
    const wanted = openids(250);
    // WeChat's order inside a call is not promised; answer each chunk reversed.
    const caller = fakeCaller((call) => {
      const list = (call.body as { user_list: { openid: string }[] }).user_list;
      return { user_info_list: [...list].reverse().map((u) => info(u.openid)) };
    });
    const users = await new UsersApi(caller).batchGet(wanted, 'en');
    expect(caller.calls.map((c) => (c.body as { user_list: unknown[] }).user_list.length)).toEqual([100, 100, 50]);
    expect(caller.calls.every((c) => c.path === '/cgi-bin/user/info/batchget')).toBe(true);
    expect((caller.calls[0]!.body as { user_list: { lang: string }[] }).user_list[0]!.lang).toBe('en');
    expect(users.map((u) => u.openid)).toEqual(wanted);
  });

  it('when exactly 100 openids are asked for, then it makes one call; with none, no call', async () => {
    const caller = fakeCaller((call) => ({ user_info_list: (call.body as { user_list: { openid: string }[] }).user_list.map((u) => info(u.openid)) }));
    const api = new UsersApi(caller);
    await api.batchGet(openids(100));
    await api.batchGet([]);
    expect(caller.calls).toHaveLength(1);
  });
});

describe('UsersApi.info', () => {
  it('when the user follows, then the snake_case fields come back camelCase', async () => {
    const caller = fakeCaller(() => ({
      subscribe: 1, openid: 'o1', language: 'zh_CN', subscribe_time: 1_700_000_000, remark: 'vip', groupid: 0,
      tagid_list: [101, 2], subscribe_scene: 'ADD_SCENE_QR_CODE', qr_scene: 98765, qr_scene_str: '',
    }));
    expect(await new UsersApi(caller).info('o1')).toEqual({
      subscribed: true, openid: 'o1', language: 'zh_CN', subscribeTime: 1_700_000_000, remark: 'vip', groupId: 0,
      tagIds: [101, 2], subscribeScene: 'ADD_SCENE_QR_CODE', qrScene: 98765, qrSceneStr: '',
    });
    expect(caller.calls[0]).toMatchObject({ method: 'GET', path: '/cgi-bin/user/info', query: { openid: 'o1', lang: 'zh_CN' } });
  });

  it('when the user no longer follows, then only subscribed=false, openid and unionid are given', async () => {
    const caller = fakeCaller(() => ({ subscribe: 0, openid: 'o2', unionid: 'u2' }));
    expect(await new UsersApi(caller).info('o2')).toEqual({ subscribed: false, openid: 'o2', unionid: 'u2' });
  });
});

describe('UsersApi.updateRemark', () => {
  it('when a remark is set, then it posts openid and remark', async () => {
    const caller = fakeCaller(() => ({ errcode: 0, errmsg: 'ok' }));
    await new UsersApi(caller).updateRemark('o1', '老客户');
    expect(caller.calls[0]).toMatchObject({ method: 'POST', path: '/cgi-bin/user/info/updateremark', body: { openid: 'o1', remark: '老客户' } });
  });
});
