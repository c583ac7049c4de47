import { APP_ID, audienceEmulator, OTHER_APP_ID } from './users-fake-emulator';

const create = (e: ReturnType<typeof audienceEmulator>, name: string, appId = APP_ID) => e.post('/cgi-bin/tags/create', { tag: { name } }, appId);

describe('emulator tags/create', () => {
  it('when tags are created, then ids start at 100 and tags/get lists the star tag first with counts', async () => {
    const e = audienceEmulator();
    const [a, b] = e.seed(2);
    expect(await create(e, '广东')).toEqual({ tag: { id: 100, name: '广东' } });
    expect(await create(e, 'vip')).toEqual({ tag: { id: 101, name: 'vip' } });
    e.emu.followers(APP_ID).get(a!)!.tagIds = [100];
    e.emu.followers(APP_ID).get(b!)!.tagIds = [100, 2];
    expect(await e.get('/cgi-bin/tags/get')).toEqual({ tags: [{ id: 2, name: '星标组', count: 1 }, { id: 100, name: '广东', count: 2 }, { id: 101, name: 'vip', count: 0 }] });
  });

  it('when a name has 30 bytes, then it is accepted; at 31 bytes (or 11 Chinese characters), then 45158', async () => {
    const e = audienceEmulator();
    expect((await create(e, 'a'.repeat(30))).tag.name).toHaveLength(30);
    expect((await create(e, '标'.repeat(10))).tag.id).toBe(101);
    expect((await create(e, 'b'.repeat(31))).errcode).toBe(45158);
    expect((await create(e, '标'.repeat(11))).errcode).toBe(45158);
  });

  it('when a name is taken (the star tag included) or empty, then 45157', async () => {
    const e = audienceEmulator();
    await create(e, 'vip');
    expect((await create(e, 'vip')).errcode).toBe(45157);
    expect((await create(e, '星标组')).errcode).toBe(45157);
    expect((await create(e, '')).errcode).toBe(45157);
    expect((await create(e, 'vip', OTHER_APP_ID)).tag.id).toBe(100);
  });

  it('when the account has 100 tags, then the 101st is 45056 and deleting one makes room', async () => {
    const e = audienceEmulator();
    for (let i = 0; i < 100; i++) expect((await create(e, `t${i}`)).tag).toBeDefined();
    expect((await create(e, 'one more')).errcode).toBe(45056);
    await e.post('/cgi-bin/tags/delete', { tag: { id: 150 } });
    expect((await create(e, 'one more')).tag.id).toBe(200);
  });

  it('when the body has no tag object, then 47001', async () => {
    expect((await audienceEmulator().post('/cgi-bin/tags/create', { name: 'x' })).errcode).toBe(47001);
  });
});

describe('emulator tags/update and tags/delete', () => {
  it('when a reserved tag 0, 1 or 2 is renamed or deleted, then 45058', async () => {
    const e = audienceEmulator();
    for (const id of [0, 1, 2]) {
      expect((await e.post('/cgi-bin/tags/update', { tag: { id, name: 'x' } })).errcode).toBe(45058);
      expect((await e.post('/cgi-bin/tags/delete', { tag: { id } })).errcode).toBe(45058);
    }
  });

  it('when the tag id does not exist, then 45159', async () => {
    const e = audienceEmulator();
    expect((await e.post('/cgi-bin/tags/update', { tag: { id: 100, name: 'x' } })).errcode).toBe(45159);
    expect((await e.post('/cgi-bin/tags/delete', { tag: { id: '100' } })).errcode).toBe(45159);
  });

  it('when a tag is renamed, then the new name shows; to another tag name, then 45157; to its own name, then ok', async () => {
    const e = audienceEmulator();
    await create(e, 'a');
    await create(e, 'b');
    expect((await e.post('/cgi-bin/tags/update', { tag: { id: 100, name: 'b' } })).errcode).toBe(45157);
    expect((await e.post('/cgi-bin/tags/update', { tag: { id: 100, name: 'a' } })).errcode).toBe(0);
    expect((await e.post('/cgi-bin/tags/update', { tag: { id: 100, name: 'c'.repeat(31) } })).errcode).toBe(45158);
    await e.post('/cgi-bin/tags/update', { tag: { id: 100, name: 'renamed' } });
    expect((await e.get('/cgi-bin/tags/get')).tags[1]).toEqual({ id: 100, name: 'renamed', count: 0 });
  });

  it('when a tag is deleted, then it leaves every follower who carried it', async () => {
    const e = audienceEmulator();
    const [a] = e.seed(1);
    await create(e, 'x');
    e.emu.followers(APP_ID).get(a!)!.tagIds = [2, 100];
    expect((await e.post('/cgi-bin/tags/delete', { tag: { id: 100 } })).errcode).toBe(0);
    expect(e.emu.followers(APP_ID).get(a!)!.tagIds).toEqual([2]);
    expect((await e.get('/cgi-bin/tags/get')).tags).toHaveLength(1);
  });

  it('when a tag has 100 001 fans, then deleting it is 45057; at 100 000, then it is deleted', async () => {
    const e = audienceEmulator();
    await create(e, 'big');
    const followers = e.emu.followers(APP_ID);
    for (let i = 0; i <= 100_000; i++) {
      followers.set(`o${i}`, { openid: `o${i}`, nickname: '', subscribed: true, subscribeTime: 1, unsubscribeTime: null, subscribeScene: 'ADD_SCENE_OTHERS', qrScene: 0, qrSceneStr: '', remark: '', tagIds: [100], language: 'zh_CN', blacklisted: false });
    }
    expect((await e.post('/cgi-bin/tags/delete', { tag: { id: 100 } })).errcode).toBe(45057);
    e.emu.unfollow(APP_ID, 'o0');
    expect((await e.post('/cgi-bin/tags/delete', { tag: { id: 100 } })).errcode).toBe(0);
  });
});
