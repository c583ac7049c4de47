import { APP_ID, audienceEmulator } from './users-fake-emulator';

async function withTag(count = 1) {
  const e = audienceEmulator();
  for (let i = 0; i < count; i++) await e.post('/cgi-bin/tags/create', { tag: { name: `tag${i}` } });
  return e;
}
const tagsOf = (e: ReturnType<typeof audienceEmulator>, openid: string) => e.emu.followers(APP_ID).get(openid)!.tagIds;

describe('emulator batch tagging', () => {
  it('when 50 followers are tagged, then each carries the tag once even if tagged again', async () => {
    const e = await withTag();
    const all = e.seed(50);
    expect(await e.post('/cgi-bin/tags/members/batchtagging', { openid_list: all, tagid: 100 })).toEqual({ errcode: 0, errmsg: 'ok' });
    await e.post('/cgi-bin/tags/members/batchtagging', { openid_list: all.slice(0, 1), tagid: 100 });
    expect(tagsOf(e, all[0]!)).toEqual([100]);
    expect((await e.get('/cgi-bin/tags/get')).tags[1].count).toBe(50);
  });

  it('when 51 openids or none are sent, then 40032 and nobody is tagged', async () => {
    const e = await withTag();
    const all = e.seed(51);
    expect((await e.post('/cgi-bin/tags/members/batchtagging', { openid_list: all, tagid: 100 })).errcode).toBe(40032);
    expect((await e.post('/cgi-bin/tags/members/batchuntagging', { openid_list: [], tagid: 100 })).errcode).toBe(40032);
    expect(tagsOf(e, all[0]!)).toEqual([]);
  });

  it('when the tag does not exist or is 0/1, then 45159; the star tag 2 can be applied', async () => {
    const e = await withTag();
    const [a] = e.seed(1);
    for (const tagid of [999, 0, 1, '100']) expect((await e.post('/cgi-bin/tags/members/batchtagging', { openid_list: [a], tagid })).errcode).toBe(45159);
    expect((await e.post('/cgi-bin/tags/members/batchtagging', { openid_list: [a], tagid: 2 })).errcode).toBe(0);
    expect(tagsOf(e, a!)).toEqual([2]);
  });

  it('when one openid is not a follower, then 40003 and nobody is tagged', async () => {
    const e = await withTag();
    const [a, b] = e.seed(2);
    e.emu.unfollow(APP_ID, b!);
    expect((await e.post('/cgi-bin/tags/members/batchtagging', { openid_list: [a, b], tagid: 100 })).errcode).toBe(40003);
    expect(tagsOf(e, a!)).toEqual([]);
  });

  it('when a user already has 20 tags, then a 21st is 45059 for the whole call, but re-applying one of the 20 is fine', async () => {
    const e = await withTag(21);
    const [full, fresh] = e.seed(2);
    for (let id = 100; id < 120; id++) await e.post('/cgi-bin/tags/members/batchtagging', { openid_list: [full], tagid: id });
    expect(tagsOf(e, full!)).toHaveLength(20);
    expect((await e.post('/cgi-bin/tags/members/batchtagging', { openid_list: [fresh, full], tagid: 120 })).errcode).toBe(45059);
    expect(tagsOf(e, fresh!)).toEqual([]);
    expect((await e.post('/cgi-bin/tags/members/batchtagging', { openid_list: [full], tagid: 105 })).errcode).toBe(0);
  });

  it('when tags are applied in an order, then getidlist gives that order, and untagging removes only that tag', async () => {
    const e = await withTag(3);
    const [a] = e.seed(1);
    for (const id of [102, 100, 101]) await e.post('/cgi-bin/tags/members/batchtagging', { openid_list: [a], tagid: id });
    expect(await e.post('/cgi-bin/tags/getidlist', { openid: a })).toEqual({ tagid_list: [102, 100, 101] });
    await e.post('/cgi-bin/tags/members/batchuntagging', { openid_list: [a], tagid: 100 });
    expect((await e.post('/cgi-bin/tags/getidlist', { openid: a })).tagid_list).toEqual([102, 101]);
    expect((await e.post('/cgi-bin/tags/getidlist', { openid: 'ghost' })).errcode).toBe(40003);
  });
});

describe('emulator user/tag/get', () => {
  it('when 10 001 followers carry a tag, then it pages 10 000 then 1, and the call after is count 0 with next_openid ""', async () => {
    const e = await withTag();
    const all = e.seed(10_005);
    for (const openid of all.slice(0, 10_001)) tagsOf(e, openid).push(100);
    const first = await e.post('/cgi-bin/user/tag/get', { tagid: 100, next_openid: '' });
    expect([first.count, first.next_openid, first.total]).toEqual([10_000, all[9_999], undefined]);
    const second = await e.post('/cgi-bin/user/tag/get', { tagid: 100, next_openid: first.next_openid });
    expect(second).toEqual({ count: 1, data: { openid: [all[10_000]] }, next_openid: all[10_000] });
    expect(await e.post('/cgi-bin/user/tag/get', { tagid: 100, next_openid: second.next_openid })).toEqual({ count: 0, next_openid: '' });
  });

  it('when the tag does not exist, then 45159', async () => {
    expect((await audienceEmulator().post('/cgi-bin/user/tag/get', { tagid: 100 })).errcode).toBe(45159);
  });
});
