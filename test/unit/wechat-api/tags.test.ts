import { TagsApi } from '../../../src/wechat-api/tags';
import { fakeCaller, openids } from './users-fake-caller';

const ok = () => ({ errcode: 0, errmsg: 'ok' });
const listSizes = (calls: { body?: unknown }[]) => calls.map((c) => (c.body as { openid_list: string[] }).openid_list.length);

describe('TagsApi batch tagging', () => {
  it('when 120 openids are tagged, then it makes calls of 50, 50 and 20 covering them in order', async () => {
    const caller = fakeCaller(ok);
    const wanted = openids(120);
    await new TagsApi(caller).batchTag(101, wanted);
    expect(listSizes(caller.calls)).toEqual([50, 50, 20]);
    expect(caller.calls.flatMap((c) => (c.body as { openid_list: string[] }).openid_list)).toEqual(wanted);
    expect(caller.calls.every((c) => c.path === '/cgi-bin/tags/members/batchtagging' && (c.body as { tagid: number }).tagid === 101)).toBe(true);
  });

  it('when exactly 50 openids are untagged, then it makes one batchuntagging call', async () => {
    const caller = fakeCaller(ok);
    await new TagsApi(caller).batchUntag(7, openids(50));
    expect(listSizes(caller.calls)).toEqual([50]);
    expect(caller.calls[0]!.path).toBe('/cgi-bin/tags/members/batchuntagging');
  });

  it('when 51 openids are tagged, then the 51st goes in a second call', async () => {
    const caller = fakeCaller(ok);
    await new TagsApi(caller).batchTag(7, openids(51));
    expect(listSizes(caller.calls)).toEqual([50, 1]);
  });

  it('when a chunk fails, then the error reaches the caller and later chunks are not sent', async () => {
    let n = 0;
    const caller = fakeCaller(() => {
      n += 1;
      if (n === 2) throw new Error('45059 user has too many tags');
      return ok();
    });
    await expect(new TagsApi(caller).batchTag(7, openids(150))).rejects.toThrow('45059');
    expect(caller.calls).toHaveLength(2);
  });
});

describe('TagsApi fans of a tag', () => {
  it('when the tag pages like user/get, then it posts tagid with the cursor and stops on the empty page', async () => {
    const all = openids(5);
    const caller = fakeCaller((call) => {
      const cursor = (call.body as { next_openid: string }).next_openid;
      const from = cursor ? all.indexOf(cursor) + 1 : 0;
      const page = all.slice(from, from + 2);
      return page.length ? { count: page.length, data: { openid: page }, next_openid: page[page.length - 1] } : { count: 0, next_openid: '' };
    });
    expect(await new TagsApi(caller).allFansOfTag(101)).toEqual(all);
    expect(caller.calls.map((c) => c.body)).toEqual([
      { tagid: 101, next_openid: '' },
      { tagid: 101, next_openid: all[1] },
      { tagid: 101, next_openid: all[3] },
      { tagid: 101, next_openid: all[4] },
    ]);
  });

  it('when the platform keeps answering the same cursor with data, then it stops instead of looping', async () => {
    const caller = fakeCaller(() => ({ count: 1, data: { openid: ['x'] }, next_openid: 'x' }));
    expect(await new TagsApi(caller).allFansOfTag(1)).toEqual(['x', 'x']);
    expect(caller.calls).toHaveLength(2);
  });
});

describe('TagsApi definitions', () => {
  it('when tags are created, read, renamed and deleted, then each goes to its endpoint with the tag object', async () => {
    const caller = fakeCaller((call) => {
      if (call.path === '/cgi-bin/tags/create') return { tag: { id: 134, name: '广东' } };
      if (call.path === '/cgi-bin/tags/get') return { tags: [{ id: 2, name: '星标组', count: 0 }, { id: 134, name: '广东', count: 3 }] };
      if (call.path === '/cgi-bin/tags/getidlist') return { tagid_list: [134, 2] };
      return ok();
    });
    const api = new TagsApi(caller);
    expect(await api.create('广东')).toEqual({ id: 134, name: '广东' });
    expect(await api.get()).toEqual([{ id: 2, name: '星标组', count: 0 }, { id: 134, name: '广东', count: 3 }]);
    await api.update(134, '广州');
    await api.delete(134);
    expect(await api.tagsOfUser('o1')).toEqual([134, 2]);
    expect(caller.calls.map((c) => [c.method, c.path, c.body])).toEqual([
      ['POST', '/cgi-bin/tags/create', { tag: { name: '广东' } }],
      ['GET', '/cgi-bin/tags/get', undefined],
      ['POST', '/cgi-bin/tags/update', { tag: { id: 134, name: '广州' } }],
      ['POST', '/cgi-bin/tags/delete', { tag: { id: 134 } }],
      ['POST', '/cgi-bin/tags/getidlist', { openid: 'o1' }],
    ]);
  });
});
