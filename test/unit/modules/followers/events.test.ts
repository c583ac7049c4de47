import { withFollowerTracking } from '../../../../src/modules/followers';
import type { HandlerContext, HandlerMap } from '../../../../src/modules/webhook';
import type { InboundMessage } from '../../../../src/wechat';
import type { Account } from '../../../../src/modules/accounts';
import { APP, harness } from './harness';

const FAN = 'oFan000000000000000000000001';
const T0 = 1_773_115_200; // 2026-03-10T04:00:00Z
const iso = (s: number) => new Date(s * 1000).toISOString();
const subscribe = (scene: string | null, createTime = T0) => ({ fromUserName: FAN, createTime, scene });

describe('follows and unfollows from webhook events', () => {
  it('when a non-follower subscribes through a numeric QR code, then they are stored following, with ADD_SCENE_QR_CODE and the scene_id', async () => {
    const { service, repo } = harness();
    await service.recordSubscribe(APP, subscribe('123123'));
    expect(await repo.get(APP, FAN)).toMatchObject({ subscribed: true, subscribeTime: iso(T0), subscribeScene: 'ADD_SCENE_QR_CODE', qrScene: 123123, qrSceneStr: null });
  });

  it('when the scene is a string (or digits beyond 32 bits), then it is the scene_str', async () => {
    const { service, repo } = harness();
    await service.recordSubscribe(APP, subscribe('campaign_2024_spring'));
    expect(await repo.get(APP, FAN)).toMatchObject({ qrScene: null, qrSceneStr: 'campaign_2024_spring' });
    await service.recordSubscribe(APP, { ...subscribe('4294967296'), fromUserName: 'oOther' });
    expect(await repo.get(APP, 'oOther')).toMatchObject({ qrScene: null, qrSceneStr: '4294967296' });
  });

  it('when a plain follow arrives, then the scene is unknown (null) until a sync tells it', async () => {
    const { service, repo } = harness();
    await service.recordSubscribe(APP, subscribe(null));
    expect(await repo.get(APP, FAN)).toMatchObject({ subscribed: true, subscribeScene: null, qrScene: null, qrSceneStr: null });
  });

  it('when a follower unfollows and re-follows, then the row flips each time, the unfollow erases tags and remark, and the next sync brings them back', async () => {
    const { service, repo, wechat } = harness();
    wechat.follow(FAN, { tagIds: [100], remark: 'vip' });
    await service.sync(APP);
    await service.recordUnsubscribe(APP, FAN, new Date((T0 + 10) * 1000));
    expect(await repo.get(APP, FAN)).toMatchObject({ subscribed: false, unsubscribedAt: iso(T0 + 10), tagIds: [], remark: null, unionid: null, language: null });
    await service.recordSubscribe(APP, subscribe('again', T0 + 20));
    expect(await repo.get(APP, FAN)).toMatchObject({ subscribed: true, unsubscribedAt: null, subscribeTime: iso(T0 + 20), qrSceneStr: 'again', tagIds: [], remark: null });
    await service.sync(APP);
    expect(await repo.get(APP, FAN)).toMatchObject({ subscribed: true, tagIds: [100], remark: 'vip' });
  });

  it('when an event older than the last known change arrives late, then it changes nothing', async () => {
    const { service, repo } = harness();
    await service.recordSubscribe(APP, subscribe('a', T0 + 20));
    await service.recordUnsubscribe(APP, FAN, new Date((T0 + 10) * 1000));
    expect(await repo.get(APP, FAN)).toMatchObject({ subscribed: true, qrSceneStr: 'a' });
    await service.recordUnsubscribe(APP, FAN, new Date((T0 + 30) * 1000));
    await service.recordSubscribe(APP, subscribe('b', T0 + 25));
    expect(await repo.get(APP, FAN)).toMatchObject({ subscribed: false, unsubscribedAt: iso(T0 + 30), qrSceneStr: 'a' });
  });
});

describe('withFollowerTracking', () => {
  const ctx: HandlerContext = { account: { appId: APP } as Account, now: new Date(T0 * 1000) };
  const event = (kind: 'event:subscribe' | 'event:unsubscribe', extra: Record<string, unknown> = {}) => ({
    kind, toUserName: 'gh_x', fromUserName: FAN, createTime: T0, msgType: 'event', event: kind.slice(6), msgId: null, eventKey: null, raw: {}, scene: null, ticket: null, ...extra,
  }) as InboundMessage;
  const warnings: unknown[] = [];
  const logger = { warn: (...args: unknown[]) => void warnings.push(args) } as never;
  const flush = () => new Promise((r) => setImmediate(r));

  it('when a subscribe comes, then it is recorded and the existing subscribe handler still gives the welcome reply', async () => {
    const { service, repo } = harness();
    const welcome = { type: 'text' as const, content: 'welcome' };
    const map = withFollowerTracking({ 'event:subscribe': () => welcome, text: () => null }, service, logger);
    expect(map['event:subscribe']!(event('event:subscribe', { scene: '42' }), ctx)).toBe(welcome);
    expect(map.text).toBeDefined();
    await flush();
    expect(await repo.get(APP, FAN)).toMatchObject({ subscribed: true, qrScene: 42 });
  });

  it('when only `*` answers (auto-replies), then subscribe and unsubscribe fall through to it with its reply', async () => {
    const { service, repo } = harness();
    const seen: string[] = [];
    const handlers: HandlerMap = { '*': (m) => (seen.push(m.kind), { type: 'text', content: m.kind }) };
    const map = withFollowerTracking(handlers, service, logger);
    expect(map['event:subscribe']!(event('event:subscribe'), ctx)).toEqual({ type: 'text', content: 'event:subscribe' });
    await flush();
    expect(map['event:unsubscribe']!({ ...event('event:unsubscribe'), createTime: T0 + 5 } as InboundMessage, ctx)).toEqual({ type: 'text', content: 'event:unsubscribe' });
    await flush();
    expect(seen).toEqual(['event:subscribe', 'event:unsubscribe']);
    expect(await repo.get(APP, FAN)).toMatchObject({ subscribed: false, unsubscribedAt: iso(T0 + 5) });
  });

  it('when nothing else handles follows, then the wrapped entries answer null', () => {
    const { service } = harness();
    expect(withFollowerTracking({}, service, logger)['event:subscribe']!(event('event:subscribe'), ctx)).toBeNull();
  });

  it('when the store fails, then the reply is still given and the failure is logged', async () => {
    warnings.length = 0;
    const failing = { recordSubscribe: () => Promise.reject(new Error('disk full')), recordUnsubscribe: () => Promise.reject(new Error('disk full')) };
    const map = withFollowerTracking({ '*': () => ({ type: 'text', content: 'hi' }) }, failing, logger);
    expect(map['event:subscribe']!(event('event:subscribe'), ctx)).toEqual({ type: 'text', content: 'hi' });
    await flush();
    expect(warnings).toHaveLength(1);
  });
});
