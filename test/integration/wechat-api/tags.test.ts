import { TagsApi } from '../../../src/wechat-api/tags';
import { apiClientFor } from '../../helpers/api-client';
import { audienceSetup } from './users-emulator';

describe('tags against the emulator', () => {
  let setup: Awaited<ReturnType<typeof audienceSetup>>;
  let seeded: string[];
  let api: TagsApi;
  beforeAll(async () => {
    setup = await audienceSetup();
    seeded = await setup.seed(200);
    api = new TagsApi(setup.caller);
  });
  afterAll(() => setup.emulator.close());
  beforeEach(() => void setup.calls.splice(0));

  it('when a name is over 30 bytes, taken, or a reserved tag is edited, then the errcodes of §8 come back by name', async () => {
    const vip = await api.create('vip');
    await expect(api.create('标'.repeat(11))).rejects.toMatchObject({ errcode: 45158, name: 'tag_name_too_long' });
    await expect(api.create('vip')).rejects.toMatchObject({ errcode: 45157, name: 'invalid_tag_name' });
    await expect(api.update(2, 'mine')).rejects.toMatchObject({ errcode: 45058, name: 'reserved_tag_not_modifiable' });
    await expect(api.delete(1)).rejects.toMatchObject({ errcode: 45058 });
    await expect(api.delete(99_999)).rejects.toMatchObject({ errcode: 45159, name: 'invalid_tag_id' });
    await api.delete(vip.id);
  });

  it('when 120 followers are tagged, then the client sends 50+50+20, the count is 120 and fansOfTag pages them all', async () => {
    const tag = await api.create('buyers');
    const targets = seeded.slice(0, 120);
    await api.batchTag(tag.id, targets);
    expect(setup.calls.filter((c) => c.path.endsWith('batchtagging')).map((c) => (c.body as { openid_list: unknown[] }).openid_list.length)).toEqual([50, 50, 20]);
    expect((await api.get()).find((t) => t.id === tag.id)).toEqual({ id: tag.id, name: 'buyers', count: 120 });
    expect(await api.allFansOfTag(tag.id)).toEqual(targets);
    expect(await api.tagsOfUser(targets[0]!)).toEqual([tag.id]);
    await api.batchUntag(tag.id, targets.slice(0, 60));
    expect(await api.allFansOfTag(tag.id)).toEqual(targets.slice(60));
  });

  it('when 51 openids go in one raw call, then the emulator answers 40032 (which the client avoids by chunking)', async () => {
    const tag = await api.create('raw');
    await expect(setup.caller.post('/cgi-bin/tags/members/batchtagging', { openid_list: seeded.slice(0, 51), tagid: tag.id })).rejects.toMatchObject({ errcode: 40032 });
  });

  it('when a follower already has 20 tags, then a 21st is 45059', async () => {
    const user = seeded[199]!;
    const ids: number[] = [];
    for (let i = 0; i < 21; i++) ids.push((await api.create(`many${i}`)).id);
    for (const id of ids.slice(0, 20)) await api.batchTag(id, [user]);
    await expect(api.batchTag(ids[20]!, [user])).rejects.toMatchObject({ errcode: 45059, name: 'user_has_too_many_tags' });
    expect(await api.tagsOfUser(user)).toEqual(ids.slice(0, 20));
  });

  it('when the account reaches 100 tags, then the next create is 45056', async () => {
    const own = (await api.get()).filter((t) => t.id !== 2).length;
    for (let i = own; i < 100; i++) await api.create(`fill${i}`);
    await expect(api.create('one too many')).rejects.toMatchObject({ errcode: 45056, name: 'too_many_tags' });
  });
});

describe('tags when an emulated account is removed and added again', () => {
  it('when the account comes back under the same appId, then it starts without the old tags', async () => {
    const setup = await audienceSetup();
    try {
      const { appId, secret } = setup.emulator.account;
      await new TagsApi(setup.caller).create('old');
      const control = `${setup.emulator.url}/__emulator/accounts`;
      expect((await fetch(`${control}/${appId}`, { method: 'DELETE' })).status).toBe(204);
      const again = await fetch(control, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(setup.emulator.account) });
      expect(again.status).toBe(201);
      const fresh = new TagsApi(apiClientFor(setup.emulator.url, appId, secret, { clock: setup.clock }));
      expect(await fresh.get()).toEqual([{ id: 2, name: '星标组', count: 0 }]);
      expect(await fresh.create('old')).toEqual({ id: 100, name: 'old' });
    } finally {
      await setup.emulator.close();
    }
  });
});
