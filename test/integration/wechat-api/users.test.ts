import { WeChatApiError } from '../../../src/wechat-api/errors';
import { BlacklistApi } from '../../../src/wechat-api/blacklist';
import { UsersApi } from '../../../src/wechat-api/users';
import { audienceSetup } from './users-emulator';

describe('users against the emulator', () => {
  let setup: Awaited<ReturnType<typeof audienceSetup>>;
  let seeded: string[];
  beforeAll(async () => {
    setup = await audienceSetup();
    seeded = await setup.seed(25_000);
  });
  afterAll(() => setup.emulator.close());
  beforeEach(() => void setup.calls.splice(0));

  it('when 25 000 followers are listed, then all come back once each, in 3 pages plus the one empty call the stop rule needs', async () => {
    const all = await new UsersApi(setup.caller).allFollowers();
    expect(all).toHaveLength(25_000);
    expect(new Set(all).size).toBe(25_000);
    expect(all).toEqual(seeded);
    const cursors = setup.calls.map((c) => c.query?.next_openid);
    expect(cursors).toEqual([undefined, seeded[9_999], seeded[19_999], seeded[24_999]]);
  });

  it('when pages are read one by one, then each reports the total and the last non-empty page still has a next_openid', async () => {
    const pages = [];
    for await (const page of new UsersApi(setup.caller).followerPages()) pages.push(page);
    expect(pages.map((p) => [p.total, p.openids.length])).toEqual([[25_000, 10_000], [25_000, 10_000], [25_000, 5_000]]);
    expect(pages[2]!.nextOpenid).toBe(seeded[24_999]);
  });

  it('when 250 users are fetched in a batch, then 3 calls bring them in input order with their profile', async () => {
    const wanted = [...seeded.slice(0, 125), ...seeded.slice(-125)].reverse();
    const users = await new UsersApi(setup.caller).batchGet(wanted);
    expect(users.map((u) => u.openid)).toEqual(wanted);
    expect(setup.calls).toHaveLength(3);
    expect(users[0]).toMatchObject({ subscribed: true, subscribeScene: 'ADD_SCENE_SEARCH', tagIds: [] });
  });

  it('when a remark is set, then info shows it; a 30-character remark is refused with a WeChatApiError', async () => {
    const api = new UsersApi(setup.caller);
    await api.updateRemark(seeded[0]!, '老客户');
    expect((await api.info(seeded[0]!)).remark).toBe('老客户');
    await expect(api.updateRemark(seeded[0]!, 'x'.repeat(30))).rejects.toMatchObject({ errcode: 45002 });
  });

  it('when a user unfollows, then info says not subscribed and the list leaves them out', async () => {
    setup.emulator.emu.unfollow(setup.emulator.account.appId, seeded[5]!);
    const api = new UsersApi(setup.caller);
    expect(await api.info(seeded[5]!)).toEqual({ subscribed: false, openid: seeded[5] });
    const all = await api.allFollowers();
    expect(all).toHaveLength(24_999);
    expect(all).not.toContain(seeded[5]);
  });

  it('when an unknown openid is asked for, then a WeChatApiError with errcode 40003 and the endpoint', async () => {
    const err = await new UsersApi(setup.caller).info('oNobody').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WeChatApiError);
    expect(err).toMatchObject({ errcode: 40003, endpoint: '/cgi-bin/user/info' });
  });

  it('when 45 users are blacklisted, then 3 calls of ≤ 20 do it and the list shows them; unblacklisting empties it', async () => {
    const api = new BlacklistApi(setup.caller);
    const targets = seeded.slice(100, 145);
    await api.batchBlack(targets);
    expect(setup.calls.map((c) => (c.body as { openid_list: string[] }).openid_list.length)).toEqual([20, 20, 5]);
    expect(await api.all()).toEqual(targets);
    await api.batchUnblack(targets);
    expect(await api.all()).toEqual([]);
  });
});
