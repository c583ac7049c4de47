import type { Account } from '../../../../src/modules/accounts';
import { MemoryServiceWindowRepository } from '../../../../src/modules/customer-service/memory-windows';
import { withServiceWindows } from '../../../../src/modules/customer-service/window.handlers';
import { handlerFor, type HandlerContext, type HandlerMap } from '../../../../src/modules/webhook';
import { toInboundMessage, type Reply } from '../../../../src/wechat';
import { APP, FAN, recordingLogger, T0 } from './window-fakes';

const ctx: HandlerContext = { account: { appId: APP } as Account, now: new Date(T0 + 2000) };
const inbound = (fields: Record<string, unknown>) =>
  toInboundMessage({ ToUserName: 'gh_x', FromUserName: FAN, CreateTime: String(T0 / 1000), ...fields });
const textMessage = inbound({ MsgType: 'text', Content: '你好', MsgId: '1' });
const event = (name: string, key = 'K') => inbound({ MsgType: 'event', Event: name, EventKey: key });
const flush = () => new Promise((resolve) => setImmediate(resolve));
const answer = (reply: Reply) => () => reply;

/** The wrapped table's answer for the message, as the webhook dispatches it. */
const dispatch = (map: HandlerMap, message: ReturnType<typeof inbound>) => handlerFor(map, message)?.(message, ctx) ?? null;

describe('withServiceWindows', () => {
  it('when a follower sends a text, then a 48 h / 5-message window opens at the message\'s time and `*` still answers', async () => {
    const windows = new MemoryServiceWindowRepository();
    const map = withServiceWindows({ '*': answer({ type: 'text', content: 'auto' }) }, windows, recordingLogger() as never);
    expect(dispatch(map, textMessage)).toEqual({ type: 'text', content: 'auto' });
    await flush();
    expect(await windows.get(APP, FAN)).toEqual({
      appId: APP, openid: FAN, trigger: 'message', openedAt: '2026-03-10T04:00:00.000Z', expiresAt: '2026-03-12T04:00:00.000Z', limit: 5, used: 0,
    });
  });

  it('when a follower taps a CLICK button, then a 1-minute / 3-message window opens and the kind\'s own handler answers', async () => {
    const windows = new MemoryServiceWindowRepository();
    const map = withServiceWindows({ 'event:CLICK': answer({ type: 'text', content: 'menu' }), '*': answer({ type: 'text', content: 'other' }) }, windows, recordingLogger() as never);
    expect(dispatch(map, event('CLICK'))).toEqual({ type: 'text', content: 'menu' });
    await flush();
    expect(await windows.get(APP, FAN)).toMatchObject({ trigger: 'menu', expiresAt: '2026-03-10T04:01:00.000Z', limit: 3, used: 0 });
  });

  it('when a follower opens a VIEW link, then no window opens and the handler answers as before', async () => {
    const windows = new MemoryServiceWindowRepository();
    const map = withServiceWindows({ '*': answer({ type: 'text', content: 'auto' }) }, windows, recordingLogger() as never);
    expect(dispatch(map, event('VIEW', 'https://example.com/'))).toEqual({ type: 'text', content: 'auto' });
    await flush();
    expect(await windows.get(APP, FAN)).toBeNull();
  });

  it('when subscribe and SCAN come, then follow and scan windows open; with no handler for them the answer is null', async () => {
    const windows = new MemoryServiceWindowRepository();
    const map = withServiceWindows({}, windows, recordingLogger() as never);
    expect(dispatch(map, event('subscribe', 'qrscene_7'))).toBeNull();
    await flush();
    expect((await windows.get(APP, FAN))?.trigger).toBe('follow');
    expect(dispatch(map, inbound({ MsgType: 'event', Event: 'SCAN', EventKey: '7', FromUserName: 'oOther' }))).toBeNull();
    await flush();
    expect((await windows.get(APP, 'oOther'))?.trigger).toBe('scan');
  });

  it('when CreateTime is ahead of the server clock, then the window starts at the server\'s now (never after the real start)', async () => {
    const windows = new MemoryServiceWindowRepository();
    const map = withServiceWindows({}, windows, recordingLogger() as never);
    dispatch(map, inbound({ MsgType: 'text', Content: 'x', MsgId: '2', CreateTime: String(T0 / 1000 + 60) }));
    await flush();
    expect((await windows.get(APP, FAN))?.openedAt).toBe('2026-03-10T04:00:02.000Z');
  });

  it('when the store fails, then the reply still comes at once (synchronously) and the failure is logged', async () => {
    const windows = new MemoryServiceWindowRepository();
    windows.open = async () => { throw new Error('store down'); };
    const logger = recordingLogger();
    const map = withServiceWindows({ text: answer({ type: 'text', content: 'still here' }) }, windows, logger as never);
    expect(dispatch(map, textMessage)).toEqual({ type: 'text', content: 'still here' });
    await flush();
    expect(logger.entries).toEqual([{ level: 'warn', fields: expect.objectContaining({ appId: APP, openid: FAN, trigger: 'message' }), msg: 'could not open the customer-service window' }]);
  });

  it('when the store is slow, then the handler does not wait for it', async () => {
    const windows = new MemoryServiceWindowRepository();
    let release = () => {};
    windows.open = () => new Promise<void>((resolve) => { release = resolve; });
    const map = withServiceWindows({ '*': answer({ type: 'text', content: 'fast' }) }, windows, recordingLogger() as never);
    expect(dispatch(map, textMessage)).toEqual({ type: 'text', content: 'fast' });
    release();
  });

  it('when the table has entries for kinds that open no window, then they are kept untouched', () => {
    const unsubscribe = answer({ type: 'text', content: 'bye' });
    const map = withServiceWindows({ 'event:unsubscribe': unsubscribe }, new MemoryServiceWindowRepository(), recordingLogger() as never);
    expect(map['event:unsubscribe']).toBe(unsubscribe);
    expect(map['event:VIEW']).toBeUndefined();
  });
});
