import { APP, FAN, HOUR, senderHarness, text } from './window-fakes';

describe('CustomerServiceSender: the window is checked before WeChat is called', () => {
  it('when the follower wrote an hour ago, then the message goes out, with 4 messages left until 48 h after the message', async () => {
    const { sender, platform, clock, interact } = senderHarness();
    await interact('message');
    clock.advance(HOUR);
    expect(await sender.send(APP, FAN, text('hello'), { kfAccount: 'kf1@test' })).toEqual({ sent: true, left: 4, endsAt: '2026-03-12T04:00:00.000Z' });
    expect(platform.calls).toEqual([{ appId: APP, openid: FAN, message: text('hello'), options: { kfAccount: 'kf1@test' } }]);
  });

  it('when a 6th message is sent in one window, then it is refused before WeChat is asked, as WeChat would answer 45047', async () => {
    const { sender, platform, interact } = senderHarness();
    await interact('message');
    const lefts = [];
    for (let i = 1; i <= 5; i += 1) lefts.push(await sender.send(APP, FAN, text(`m${i}`)));
    expect(lefts.map((o) => (o.sent ? o.left : null))).toEqual([4, 3, 2, 1, 0]);
    expect(await sender.send(APP, FAN, text('m6'))).toEqual({
      sent: false, code: 'quota_used',
      reason: "the 5 messages of this window are used (it opened with the follower's message at 2026-03-10T04:00:00.000Z and ends at 2026-03-12T04:00:00.000Z); WeChat would answer 45047",
    });
    expect(platform.calls).toHaveLength(5);
  });

  it('when 49 hours have passed, then the reply is refused with the reason, as WeChat would answer 45015, and WeChat is not called', async () => {
    const { sender, platform, clock, interact } = senderHarness();
    await interact('message');
    clock.advance(49 * HOUR);
    expect(await sender.send(APP, FAN, text('late'))).toEqual({
      sent: false, code: 'window_closed',
      reason: "the 48-hour window closed at 2026-03-12T04:00:00.000Z (the follower's last message was at 2026-03-10T04:00:00.000Z); WeChat would answer 45015",
    });
    expect(platform.calls).toEqual([]);
  });

  it('when the follower never interacted, then it is refused as window_closed', async () => {
    const { sender, platform } = senderHarness();
    expect(await sender.send(APP, FAN, text('cold'))).toMatchObject({ sent: false, code: 'window_closed' });
    expect(platform.calls).toEqual([]);
  });

  it('when the account cannot call the API, then no_api, and nothing of the window is used', async () => {
    const { sender, platform, windows, interact } = senderHarness();
    await interact('message');
    platform.hasApi = false;
    expect(await sender.send(APP, FAN, text('x'))).toEqual({ sent: false, code: 'no_api', reason: 'the account has no AppSecret, so the customer-service API cannot be called' });
    expect((await windows.get(APP, FAN))!.used).toBe(0);
  });

  it('when 8 sends race on a menu tap\'s 3-message window, then exactly 3 reach WeChat', async () => {
    const { sender, platform, interact } = senderHarness();
    await interact('menu');
    const outcomes = await Promise.all(Array.from({ length: 8 }, (_, i) => sender.send(APP, FAN, text(`r${i}`))));
    expect(outcomes.filter((o) => o.sent)).toHaveLength(3);
    expect(outcomes.filter((o) => !o.sent && o.code === 'quota_used')).toHaveLength(5);
    expect(platform.calls).toHaveLength(3);
  });
});

describe('CustomerServiceSender: WeChat\'s answers', () => {
  it('when WeChat refuses for another reason (bad media id), then the outcome says so with the errcode and the message is given back', async () => {
    const { sender, platform, windows, interact } = senderHarness();
    await interact('message');
    platform.failures.push(40007);
    expect(await sender.send(APP, FAN, { type: 'image', mediaId: 'gone' })).toEqual({
      sent: false, code: 'wechat_error', errcode: 40007, reason: 'the message did not go out: WeChat refused /cgi-bin/message/custom/send: 40007 errmsg 40007',
    });
    expect((await windows.get(APP, FAN))!.used).toBe(0);
  });

  it('when the network fails, then wechat_error without an errcode, the message is given back, and nothing is thrown', async () => {
    const { sender, platform, windows, interact } = senderHarness();
    await interact('message');
    platform.failures.push(new Error('socket hang up'));
    expect(await sender.send(APP, FAN, text('x'))).toEqual({ sent: false, code: 'wechat_error', reason: 'the message did not go out: socket hang up' });
    expect((await windows.get(APP, FAN))!.used).toBe(0);
  });

  it('when WeChat answers 45015 although the window looked open, then the refusal is returned and the window is marked closed', async () => {
    const { sender, platform, windows, clock, interact } = senderHarness();
    await interact('message');
    clock.advance(HOUR);
    platform.failures.push(45015);
    expect(await sender.send(APP, FAN, text('x'))).toEqual({
      sent: false, code: 'window_closed', errcode: 45015,
      reason: "WeChat answered 45015: the follower's customer-service window is closed (the window recorded here, opened at 2026-03-10T04:00:00.000Z, is now marked closed)",
    });
    expect(await windows.get(APP, FAN)).toMatchObject({ expiresAt: '2026-03-10T05:00:00.000Z', used: 1 });
    expect(await sender.send(APP, FAN, text('again'))).toMatchObject({ sent: false, code: 'window_closed' });
    expect(platform.calls).toHaveLength(1);
  });

  it('when WeChat answers 45047 after 2 messages, then the window is marked used up and the next send is refused here', async () => {
    const { sender, platform, windows, interact } = senderHarness();
    await interact('message');
    await sender.send(APP, FAN, text('1'));
    platform.failures.push(45047);
    expect(await sender.send(APP, FAN, text('2'))).toEqual({
      sent: false, code: 'quota_used', errcode: 45047,
      reason: "WeChat answered 45047: the messages of the follower's window are used up (2 of 5 recorded here; the window is now marked used up)",
    });
    expect((await windows.get(APP, FAN))!.used).toBe(5);
    expect(await sender.send(APP, FAN, text('3'))).toMatchObject({ sent: false, code: 'quota_used' });
    expect(platform.calls).toHaveLength(2);
  });

  it('when the follower writes again while WeChat answers 45015 for the old window, then the new window is left alone', async () => {
    const { sender, platform, windows, interact } = senderHarness();
    await interact('message');
    const send = platform.forAccount.bind(platform);
    // WeChat answers while the follower's new message is being recorded.
    platform.forAccount = async (appId: string) => {
      const api = (await send(appId))!;
      return { customService: { send: async (...args: Parameters<typeof api.customService.send>) => {
        await interact('message', 1000);
        return api.customService.send(...args);
      } } };
    };
    platform.failures.push(45015);
    expect(await sender.send(APP, FAN, text('x'))).toMatchObject({ sent: false, code: 'window_closed', errcode: 45015 });
    expect(await windows.get(APP, FAN)).toMatchObject({ openedAt: '2026-03-10T04:00:01.000Z', expiresAt: '2026-03-12T04:00:01.000Z', used: 0 });
  });

  it('when giving the message back fails in the store, then the WeChat outcome is still returned and the failure logged', async () => {
    const { sender, platform, windows, logger, interact } = senderHarness();
    await interact('message');
    windows.giveBack = async () => { throw new Error('disk full'); };
    platform.failures.push(40007);
    expect(await sender.send(APP, FAN, text('x'))).toMatchObject({ sent: false, code: 'wechat_error', errcode: 40007 });
    expect(logger.entries.filter((e) => e.level === 'error').map((e) => e.msg)).toEqual(['could not update the customer-service window after a refused send']);
  });
});
