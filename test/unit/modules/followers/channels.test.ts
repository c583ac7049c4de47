import { parseFollowerQuery } from '../../../../src/modules/followers';
import { NotFoundError, ValidationError } from '../../../../src/shared/errors';
import { APP, harness } from './harness';

const at = (day: number) => Math.floor(Date.UTC(2026, 2, day) / 1000);

describe('channel attribution', () => {
  it('when followers came through QR codes and other scenes, then the report counts gained and lost per channel in the window, biggest first', async () => {
    const { service, wechat } = harness();
    for (let i = 0; i < 5; i++) wechat.follow(`oA${i}`, { subscribeScene: 'ADD_SCENE_QR_CODE', qrSceneStr: 'poster', subscribeTime: at(3) });
    for (let i = 0; i < 3; i++) wechat.follow(`oB${i}`, { subscribeScene: 'ADD_SCENE_QR_CODE', qrScene: 7, subscribeTime: at(4) });
    for (let i = 0; i < 2; i++) wechat.follow(`oC${i}`, { subscribeScene: 'ADD_SCENE_SEARCH', subscribeTime: at(5) });
    wechat.follow('oOld', { subscribeScene: 'ADD_SCENE_QR_CODE', qrScene: 7, subscribeTime: at(1) });
    await service.sync(APP);
    await service.recordUnsubscribe(APP, 'oA0', new Date(at(6) * 1000));
    await service.recordUnsubscribe(APP, 'oOld', new Date(at(6) * 1000));

    const report = await service.channels(APP, new Date(at(2) * 1000).toISOString(), new Date(at(7) * 1000).toISOString());
    expect(report.channels).toEqual([
      { subscribeScene: 'ADD_SCENE_QR_CODE', qrScene: null, qrSceneStr: 'poster', gained: 5, lost: 1, net: 4 },
      { subscribeScene: 'ADD_SCENE_QR_CODE', qrScene: 7, qrSceneStr: null, gained: 3, lost: 1, net: 2 },
      { subscribeScene: 'ADD_SCENE_SEARCH', qrScene: null, qrSceneStr: null, gained: 2, lost: 0, net: 2 },
    ]);
    expect(report.totals).toEqual({ gained: 10, lost: 2, net: 8 });

    const early = await service.channels(APP, undefined, new Date(at(4) * 1000).toISOString());
    expect(early.channels.map((c) => [c.qrSceneStr ?? c.qrScene, c.gained, c.lost])).toEqual([['poster', 5, 0], [7, 1, 0]]);
  });

  it('when the account is unknown, then the report is a NotFoundError', async () => {
    await expect(harness().service.channels('wxnobody')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('listing followers', () => {
  it('when pages are followed by nextCursor, then every follower comes once in openid order, and filters narrow by state, tag and QR scene', async () => {
    const { service, wechat } = harness({ pageSize: 100 });
    for (let i = 0; i < 7; i++) wechat.follow(`o${i}`, { tagIds: i % 2 ? [100] : [], subscribeScene: 'ADD_SCENE_QR_CODE', qrScene: i < 3 ? 9 : 0, qrSceneStr: i >= 3 ? 'flyer' : '' });
    await service.sync(APP);
    await service.recordUnsubscribe(APP, 'o6', new Date());
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await service.list({ appId: APP, limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((f) => f.openid));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(['o0', 'o1', 'o2', 'o3', 'o4', 'o5', 'o6']);
    const ids = async (q: object) => (await service.list({ appId: APP, limit: 50, ...q })).items.map((f) => f.openid);
    expect(await ids({ subscribed: false })).toEqual(['o6']);
    expect(await ids({ tagId: 100 })).toEqual(['o1', 'o3', 'o5']);
    expect(await ids({ qrScene: '9' })).toEqual(['o0', 'o1', 'o2']);
    expect(await ids({ qrScene: 'flyer', subscribed: true })).toEqual(['o3', 'o4', 'o5']);
  });

  it('when the query string is bad, then every problem is reported at once as a ValidationError', () => {
    const err = (() => { try { parseFollowerQuery(APP, { limit: '0', subscribed: 'yes', tagId: '-1' }); } catch (e) { return e; } })();
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).details).toEqual([
      { field: 'limit', message: 'a whole number from 1 to 500' },
      { field: 'subscribed', message: 'true or false' },
      { field: 'tagId', message: 'a whole number from 0 to 4294967295' },
    ]);
    expect(parseFollowerQuery(APP, { subscribed: 'true', tagId: '2', qrScene: 'x', cursor: 'o1' })).toEqual({ appId: APP, limit: 100, subscribed: true, tagId: 2, qrScene: 'x', cursor: 'o1' });
  });
});
