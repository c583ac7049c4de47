import { refusalOf, triggerOf, windowFor, windowState } from '../../../../src/modules/customer-service/service-window';
import { toInboundMessage } from '../../../../src/wechat';
import { APP, FAN, HOUR, T0 } from './window-fakes';

/** A callback as parseXml gives it, typed by the real protocol code. */
const inbound = (fields: Record<string, unknown>) =>
  toInboundMessage({ ToUserName: 'gh_x', FromUserName: FAN, CreateTime: String(T0 / 1000), MsgId: '1', ...fields });
const message = (msgType: string) => inbound({ MsgType: msgType, Content: 'hi' });
const event = (name: string, extra: Record<string, unknown> = {}) => inbound({ MsgType: 'event', Event: name, MsgId: undefined, ...extra });

describe('triggerOf: which inbound messages open a window', () => {
  it.each(['text', 'image', 'voice', 'video', 'shortvideo', 'location', 'link'])('when the follower sends a %s, then it is a message trigger', (type) => {
    expect(triggerOf(message(type))).toBe('message');
  });

  it.each(['CLICK', 'scancode_push', 'scancode_waitmsg'])('when the follower taps a %s menu button, then it is a menu trigger', (name) => {
    expect(triggerOf(event(name, { EventKey: 'K' }))).toBe('menu');
  });

  it('when the follower follows (also through a QR code), then it is a follow trigger; a scan by a follower is a scan trigger', () => {
    expect(triggerOf(event('subscribe'))).toBe('follow');
    expect(triggerOf(event('subscribe', { EventKey: 'qrscene_42' }))).toBe('follow');
    expect(triggerOf(event('SCAN', { EventKey: '42' }))).toBe('scan');
  });

  it.each([
    'VIEW', 'view_miniprogram', 'unsubscribe', 'LOCATION', 'pic_sysphoto', 'pic_photo_or_album', 'pic_weixin', 'location_select',
    'MASSSENDJOBFINISH', 'TEMPLATESENDJOBFINISH', 'kf_create_session', 'kf_close_session', 'something_new',
  ])('when the event is %s, then no window opens', (name) => {
    expect(triggerOf(event(name))).toBeNull();
  });

  it('when the message type is unknown or a mini-program card, then no window opens', () => {
    expect(triggerOf(message('hologram'))).toBeNull();
    expect(triggerOf(message('miniprogrampage'))).toBeNull();
  });
});

describe('windowFor', () => {
  it('when a follower writes, then the window holds 5 messages for 48 hours from that moment, none used', () => {
    expect(windowFor('message', APP, FAN, new Date(T0))).toEqual({
      appId: APP, openid: FAN, trigger: 'message', openedAt: '2026-03-10T04:00:00.000Z', expiresAt: '2026-03-12T04:00:00.000Z', limit: 5, used: 0,
    });
  });

  it.each(['menu', 'follow', 'scan'] as const)('when the trigger is a %s, then the window holds 3 messages for 1 minute', (trigger) => {
    expect(windowFor(trigger, APP, FAN, new Date(T0))).toMatchObject({ trigger, expiresAt: '2026-03-10T04:01:00.000Z', limit: 3, used: 0 });
  });
});

describe('windowState and refusalOf: what the agent is shown', () => {
  const open = windowFor('message', APP, FAN, new Date(T0));

  it('when the window is open, then it says how many messages are left and when it ends', () => {
    expect(windowState({ ...open, used: 2 }, new Date(T0 + HOUR))).toEqual({ open: true, left: 3, endsAt: '2026-03-12T04:00:00.000Z' });
    expect(refusalOf({ ...open, used: 4 }, new Date(T0 + 47 * HOUR))).toBeNull();
  });

  it('when there is no window, then it is closed with nothing left, no end, and the reason', () => {
    expect(windowState(null, new Date(T0))).toEqual({
      open: false, left: 0, endsAt: null,
      reason: 'the follower has not written, tapped the menu, followed or scanned a QR code, so no customer-service window is open',
    });
  });

  it('when 48 hours have passed, then it is closed (45015) with the end and the follower\'s last message in the reason', () => {
    const now = new Date(T0 + 48 * HOUR);
    expect(refusalOf(open, now)).toEqual({
      code: 'window_closed', errcode: 45015,
      reason: "the 48-hour window closed at 2026-03-12T04:00:00.000Z (the follower's last message was at 2026-03-10T04:00:00.000Z)",
    });
    expect(windowState(open, now)).toMatchObject({ open: false, left: 0, endsAt: '2026-03-12T04:00:00.000Z' });
  });

  it('when a menu tap\'s minute has passed, then the reason names the 1-minute window and the tap', () => {
    const menu = windowFor('menu', APP, FAN, new Date(T0));
    expect(refusalOf(menu, new Date(T0 + 60_000))?.reason)
      .toBe("the 1-minute window closed at 2026-03-10T04:01:00.000Z (the follower's last menu tap was at 2026-03-10T04:00:00.000Z)");
  });

  it('when the 5 messages are used, then it is refused as used up (45047), although the window has not ended', () => {
    expect(refusalOf({ ...open, used: 5 }, new Date(T0 + HOUR))).toEqual({
      code: 'quota_used', errcode: 45047,
      reason: "the 5 messages of this window are used (it opened with the follower's message at 2026-03-10T04:00:00.000Z and ends at 2026-03-12T04:00:00.000Z)",
    });
    expect(windowState({ ...open, used: 5 }, new Date(T0 + HOUR))).toMatchObject({ open: false, left: 0, endsAt: '2026-03-12T04:00:00.000Z' });
  });
});
