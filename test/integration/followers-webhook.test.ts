import { FollowerService, withFollowerTracking, type Follower } from '../../src/modules/followers';
import type { HandlerMap } from '../../src/modules/webhook';
import type { ManualClock } from '../../src/shared/clock';
import { silentLogger } from '../../src/shared/logger';
import { isTransientFailure } from '../../src/wechat-api/errors';
import { wire, type Wired } from './emulator/round-trip';
import { TEST_ACCOUNT } from '../helpers/wechat-client';

const APP = TEST_ACCOUNT.appId;
const FAN = 'oFanQR00000000000000000000001';

/**
 * The emulator's simulated follower follows through a QR code and unfollows; our webhook, with the
 * follower-tracking wrapper around a welcome handler (as main.ts wraps the auto-replies), records both
 * and the welcome still reaches the phone.
 */
describe('followers kept current by webhook events', () => {
  let w: Wired;
  let followers: FollowerService | undefined;
  // The runtime (and its store) exists only once wire() built it: the wrapper reaches the service late.
  const events = {
    recordSubscribe: (...args: Parameters<FollowerService['recordSubscribe']>) => followers!.recordSubscribe(...args),
    recordUnsubscribe: (...args: Parameters<FollowerService['recordUnsubscribe']>) => followers!.recordUnsubscribe(...args),
  };
  const base: HandlerMap = { '*': (m) => (m.kind === 'event:subscribe' ? { type: 'text', content: '欢迎关注' } : null) };
  /** The record is fire-and-forget: give it a moment after the callback was answered. */
  const stored = async (predicate: (f: Follower | null) => boolean) => {
    for (let i = 0; i < 100; i++) {
      const f = await w.rt.store.followers.get(APP, FAN);
      if (predicate(f)) return f;
      await new Promise((r) => setTimeout(r, 5));
    }
    return w.rt.store.followers.get(APP, FAN);
  };

  beforeAll(async () => {
    w = await wire({ mode: 'safe', handlers: withFollowerTracking(base, events, silentLogger) });
    followers = new FollowerService({
      repo: w.rt.store.followers, accounts: w.rt.accounts, clock: w.rt.clock, logger: silentLogger,
      platform: { forAccount: (appId) => w.rt.wechatApi.forAccount(appId), isTransient: isTransientFailure },
    });
  });
  afterAll(() => w.close());

  it('when a follower scans a QR code to follow, then the welcome reaches the phone and the follower is stored with the QR scene', async () => {
    const { body } = await w.act(FAN, { type: 'subscribe', scene: 'spring_2024' });
    expect(body).toMatchObject({ delivered: true, reply: { MsgType: 'text', Content: '欢迎关注' } });
    expect(await stored((f) => f?.subscribed === true)).toMatchObject({ subscribed: true, subscribeScene: 'ADD_SCENE_QR_CODE', qrSceneStr: 'spring_2024', qrScene: null });
    const report = await followers!.channels(APP);
    expect(report.channels).toEqual([{ subscribeScene: 'ADD_SCENE_QR_CODE', qrScene: null, qrSceneStr: 'spring_2024', gained: 1, lost: 0, net: 1 }]);
  });

  it('when the follower unfollows, then the row is marked unsubscribed and the channel shows the loss', async () => {
    // A minute later on both sides (wire() gives the emulator a manual clock too).
    w.rt.clock.advance(60_000);
    (w.emulator.emu.clock as ManualClock).advance(60_000);
    const { body } = await w.act(FAN, { type: 'unsubscribe' });
    expect(body).toMatchObject({ delivered: true });
    expect(await stored((f) => f?.subscribed === false)).toMatchObject({ subscribed: false, qrSceneStr: 'spring_2024' });
    expect((await followers!.channels(APP)).totals).toEqual({ gained: 1, lost: 1, net: 0 });
  });
});
