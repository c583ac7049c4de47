import { APP_ID, startHarness, type Harness } from './menus-and-service-harness';

const HOUR = 3600_000;
const text = (touser: string, content = 'hi') => ({ touser, msgtype: 'text', text: { content } });
const send = (h: Harness, openid: string) => h.post('/cgi-bin/message/custom/send', text(openid));
const activity = (h: Harness, openid: string, a: Record<string, unknown>) =>
  h.emu.recordActivity(APP_ID, openid, { ...a, at: h.emu.nowSeconds() } as never);

describe('customer-service window after a follower message (5 / 48 h)', () => {
  it('when a follower wrote, then five messages go out and the sixth is refused with 45047', async () => {
    const h = startHarness();
    h.fan('oA');
    for (let i = 0; i < 5; i++) expect(await send(h, 'oA')).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await send(h, 'oA')).toMatchObject({ errcode: 45047 });
  });

  it('when 47 h 59 min have passed, then a message still goes out; at 48 h and at 49 h it is 45015', async () => {
    const h = startHarness();
    h.fan('oA');
    h.clock.advance(48 * HOUR - 60_000);
    expect(await send(h, 'oA')).toMatchObject({ errcode: 0 });
    h.clock.advance(60_000);
    expect(await send(h, 'oA')).toMatchObject({ errcode: 45015 });
    h.clock.advance(HOUR);
    expect(await send(h, 'oA')).toMatchObject({ errcode: 45015 });
  });

  it('when the follower never interacted since following long ago, then it is 45015', async () => {
    const h = startHarness();
    h.emu.follow(APP_ID, 'oOld', { at: h.emu.nowSeconds() - 86_400 });
    expect(await send(h, 'oOld')).toMatchObject({ errcode: 45015 });
  });

  it('when the follower unfollowed inside the window, then it is 45015', async () => {
    const h = startHarness();
    h.fan('oA');
    h.emu.unfollow(APP_ID, 'oA');
    expect(await send(h, 'oA')).toMatchObject({ errcode: 45015 });
  });

  it('when the openid never followed the account, then it is 40003', async () => {
    expect(await send(startHarness(), 'oStranger')).toMatchObject({ errcode: 40003 });
  });

  it('when a window was used up and the follower writes again, then the count starts over at five', async () => {
    const h = startHarness();
    h.fan('oA');
    for (let i = 0; i < 5; i++) await send(h, 'oA');
    activity(h, 'oA', { kind: 'message', msgType: 'text' });
    for (let i = 0; i < 5; i++) expect(await send(h, 'oA')).toMatchObject({ errcode: 0 });
    expect(await send(h, 'oA')).toMatchObject({ errcode: 45047 });
  });
});

describe('customer-service window after a click, follow or scan (3 / 1 min)', () => {
  it.each([
    ['a click', { kind: 'click', menuType: 'click', key: 'K' }],
    ['a scancode_push', { kind: 'click', menuType: 'scancode_push', key: 'K' }],
    ['a scancode_waitmsg', { kind: 'click', menuType: 'scancode_waitmsg', key: 'K' }],
    ['a QR scan', { kind: 'scan', sceneKey: '123' }],
  ])('when the trigger is %s, then three messages go out and the fourth is 45047', async (_c, trigger) => {
    const h = startHarness();
    h.fan('oA', { message: false });
    h.clock.advance(HOUR); // the follow's own window is long closed
    activity(h, 'oA', trigger);
    for (let i = 0; i < 3; i++) expect(await send(h, 'oA')).toMatchObject({ errcode: 0 });
    expect(await send(h, 'oA')).toMatchObject({ errcode: 45047 });
  });

  it('when a follower just followed, then the window lasts one minute', async () => {
    const h = startHarness();
    h.fan('oA', { message: false });
    h.clock.advance(59_000);
    expect(await send(h, 'oA')).toMatchObject({ errcode: 0 });
    h.clock.advance(1_000);
    expect(await send(h, 'oA')).toMatchObject({ errcode: 45015 });
  });

  it.each([
    ['a VIEW tap', { kind: 'view', url: 'https://x.cn/' }],
    ['a pic_sysphoto tap', { kind: 'click', menuType: 'pic_sysphoto', key: 'K' }],
    ['a location_select tap', { kind: 'click', menuType: 'location_select', key: 'K' }],
  ])('when the only interaction is %s, then no window opens (45015)', async (_c, trigger) => {
    const h = startHarness();
    h.fan('oA', { message: false });
    h.clock.advance(HOUR);
    activity(h, 'oA', trigger);
    expect(await send(h, 'oA')).toMatchObject({ errcode: 45015 });
  });

  it('when a click follows a message, then the click window replaces the 48 h one (windows do not add up)', async () => {
    const h = startHarness();
    h.fan('oA');
    activity(h, 'oA', { kind: 'click', menuType: 'click', key: 'K' });
    h.clock.advance(61_000);
    expect(await send(h, 'oA')).toMatchObject({ errcode: 45015 });
  });
});

describe('delivery', () => {
  it('when a message is sent, then the follower\'s phone shows it as a custom message', async () => {
    const h = startHarness();
    h.fan('oA');
    await h.post('/cgi-bin/message/custom/send', text('oA', '您好'));
    expect(h.emu.inbox(APP_ID, 'oA')).toEqual([
      { at: h.emu.nowSeconds(), source: 'custom', msgType: 'text', content: { touser: 'oA', msgtype: 'text', text: { content: '您好' } } },
    ]);
  });

  it('when a send is refused, then nothing reaches the phone', async () => {
    const h = startHarness();
    h.fan('oA', { message: false });
    h.clock.advance(HOUR);
    await send(h, 'oA');
    expect(h.emu.inbox(APP_ID, 'oA')).toEqual([]);
  });

  it('when the account is not verified, then customer-service messages are 48001', async () => {
    const h = startHarness({ verified: false });
    h.fan('oA');
    expect(await send(h, 'oA')).toMatchObject({ errcode: 48001 });
  });

  it('when the window control route is read, then it shows the trigger, the remaining count and whether it is open', async () => {
    const h = startHarness();
    h.fan('oA');
    await send(h, 'oA');
    const res = await h.http.get(`/__emulator/accounts/${APP_ID}/fans/oA/service-window`);
    expect(res.body).toEqual({ window: expect.objectContaining({ trigger: 'message', remaining: 4, open: true }), typing: false });
  });
});
