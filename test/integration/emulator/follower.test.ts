import type { EncryptionMode } from '../../../src/emulator';
import type { HandlerMap } from '../../../src/modules/webhook';
import type { InboundMessage } from '../../../src/wechat';
import { wire, type Wired } from './round-trip';

const FAN = 'oFan000000000000000000000001';
const SERVICE_UNAVAILABLE = '该公众号暂时无法提供服务，请稍后再试';

describe.each<EncryptionMode>(['plaintext', 'compatible', 'safe'])('the simulated follower in %s mode', (mode) => {
  let w: Wired;
  const seen: InboundMessage[] = [];
  const handlers: HandlerMap = {
    text: (msg) => {
      seen.push(msg);
      return { type: 'text', content: 'hi' };
    },
  };
  beforeAll(async () => {
    w = await wire({ mode, handlers });
    w.emulator.emu.follow(w.emulator.account.appId, FAN);
  });
  afterAll(() => w.close());

  it('when the follower sends text, then our webhook gets it once and the passive reply lands in the inbox', async () => {
    const { status, body } = await w.act(FAN, { type: 'text', content: '你好 <3' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ delivered: true, attempts: 1, reply: { MsgType: 'text', Content: 'hi', ToUserName: FAN } });
    expect(seen.map((m) => [m.kind, (m as { content?: string }).content, m.msgId])).toEqual([['text', '你好 <3', body.msgId]]);
    expect(await w.inbox(FAN)).toEqual([
      { at: expect.any(Number), source: 'passive', msgType: 'text', content: expect.objectContaining({ Content: 'hi', FromUserName: 'gh_0123456789ab' }) },
    ]);
  });
});

describe('the simulated follower follows through a QR code', () => {
  let w: Wired;
  const events: InboundMessage[] = [];
  beforeAll(async () => {
    w = await wire({
      mode: 'safe',
      handlers: {
        'event:subscribe': (msg) => {
          events.push(msg);
          return { type: 'news', articles: [{ title: 'Welcome', url: 'https://example.com/1' }, { title: 'Guide', url: 'https://example.com/2' }] };
        },
      },
    });
  });
  afterAll(() => w.close());

  it('when a non-follower subscribes with a scene, then our webhook sees EventKey qrscene_<scene> and a Ticket, and the emulator records the follow', async () => {
    const { body } = await w.act(FAN, { type: 'subscribe', scene: 'spring_2024' });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'event:subscribe', eventKey: 'qrscene_spring_2024', fromUserName: FAN });
    expect(events[0]!.raw.Ticket).toEqual(expect.stringMatching(/^gQ/));
    // Two articles are fine in answer to an event (up to 8).
    expect(body).toMatchObject({ delivered: true, reply: { MsgType: 'news', ArticleCount: '2' } });
    expect(w.emulator.emu.followers(w.emulator.account.appId).get(FAN)).toMatchObject({ subscribed: true, qrSceneStr: 'spring_2024', subscribeScene: 'ADD_SCENE_QR_CODE' });
  });

  it('when the follower subscribes again, then the emulator refuses (409) as a follower cannot follow twice', async () => {
    expect((await w.act(FAN, { type: 'subscribe' })).status).toBe(409);
  });

  it('when a non-follower sends text, then the emulator refuses (409) and our webhook hears nothing', async () => {
    const before = w.webhookPosts();
    expect((await w.act('oStranger00000000000000000001', { type: 'text', content: 'x' })).status).toBe(409);
    expect(w.webhookPosts()).toBe(before);
  });
});

describe('the simulated follower when our webhook misbehaves', () => {
  it('when our handler is slower than WeChat waits, then 3 attempts of the same message and the error on the phone', async () => {
    let finished!: () => void;
    const done = new Promise<void>((resolve) => (finished = resolve));
    const w = await wire({
      mode: 'safe',
      webhookTimeoutMs: 300,
      env: { WEBHOOK_BUDGET_MS: '2000' },
      handlers: {
        text: async () => {
          await new Promise((resolve) => setTimeout(resolve, 1500));
          setImmediate(finished);
          return { type: 'text', content: 'too late' };
        },
      },
    });
    try {
      w.emulator.emu.follow(w.emulator.account.appId, FAN);
      const { body } = await w.act(FAN, { type: 'text', content: 'anyone there?' });
      expect(body).toMatchObject({ delivered: false, attempts: 3, error: expect.stringMatching(/did not answer within 300 ms/) });
      expect(body.reply).toBeUndefined();
      expect(w.webhookPosts()).toBe(3);
      expect(await w.inbox(FAN)).toEqual([{ at: expect.any(Number), source: 'system', msgType: 'text', content: SERVICE_UNAVAILABLE }]);
      await done;
    } finally {
      await w.close();
    }
  });

  it('when our reply is malformed (an image without a media id), then one attempt and the error on the phone', async () => {
    const w = await wire({ mode: 'compatible', handlers: { text: () => ({ type: 'image', mediaId: '' }) } });
    try {
      w.emulator.emu.follow(w.emulator.account.appId, FAN);
      const { body } = await w.act(FAN, { type: 'text', content: 'picture please' });
      expect(body).toMatchObject({ delivered: false, attempts: 1, error: expect.stringMatching(/Image\/MediaId/) });
      expect(await w.inbox(FAN)).toEqual([{ at: expect.any(Number), source: 'system', msgType: 'text', content: SERVICE_UNAVAILABLE }]);
    } finally {
      await w.close();
    }
  });

  it('when our handler answers nothing, then the phone shows nothing and the call counts as delivered', async () => {
    const w = await wire({ mode: 'plaintext', handlers: {} });
    try {
      w.emulator.emu.follow(w.emulator.account.appId, FAN);
      const { body } = await w.act(FAN, { type: 'click', key: 'MENU_1' });
      expect(body).toMatchObject({ delivered: true, attempts: 1 });
      expect(await w.inbox(FAN)).toEqual([]);
    } finally {
      await w.close();
    }
  });
});
