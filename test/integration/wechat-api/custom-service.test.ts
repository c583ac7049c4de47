import { apiClientFor } from '../../helpers/api-client';
import { startEmulator, type StartedEmulator } from '../../helpers/emulator';
import { ManualClock } from '../../../src/shared/clock';
import { CustomServiceApi, type CustomMessage } from '../../../src/wechat-api/custom-service';
import { WeChatApiError } from '../../../src/wechat-api/errors';
import { KfApi } from '../../../src/wechat-api/kf-accounts';

const HOUR = 3600_000;
let emulator: StartedEmulator;
let clock: ManualClock;
let service: CustomServiceApi;
let kf: KfApi;
let appId: string;

beforeEach(async () => {
  // 2026-01-05 10:00 Beijing.
  clock = new ManualClock(Date.UTC(2026, 0, 5, 2, 0, 0));
  emulator = await startEmulator({ clock });
  appId = emulator.account.appId;
  const client = apiClientFor(emulator.url, appId, emulator.account.secret, { clock });
  service = new CustomServiceApi(client);
  kf = new KfApi(client);
});
afterEach(() => emulator.close());

const writes = (openid: string) => emulator.emu.recordActivity(appId, openid, { kind: 'message', msgType: 'text', at: emulator.emu.nowSeconds() });
function followerWhoWrote(openid: string): void {
  emulator.emu.follow(appId, openid);
  writes(openid);
}
const control = (path: string, body: unknown) =>
  fetch(`${emulator.url}/__emulator/accounts/${appId}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function errcodeOf(work: Promise<unknown>): Promise<number> {
  try {
    await work;
  } catch (err) {
    if (err instanceof WeChatApiError) return err.errcode;
    throw err;
  }
  throw new Error('expected a WeChatApiError');
}

const every: CustomMessage[] = [
  { type: 'text', content: 'Hello' },
  { type: 'image', mediaId: 'M' },
  { type: 'voice', mediaId: 'M' },
  { type: 'video', mediaId: 'M', thumbMediaId: 'T', title: 't' },
  { type: 'music', musicUrl: 'http://m', hqMusicUrl: 'http://hq', thumbMediaId: 'T' },
  { type: 'news', article: { title: 'Happy Day', url: 'http://u' } },
  { type: 'mpnews', mediaId: 'M' },
  { type: 'mpnewsarticle', articleId: 'A' },
  { type: 'msgmenu', headContent: 'h', options: [{ id: '101', content: '满意' }], tailContent: 't' },
  { type: 'wxcard', cardId: 'C' },
  { type: 'miniprogrampage', title: 't', appId: 'wxapp', pagePath: 'pages/index', thumbMediaId: 'T' },
];

describe('CustomServiceApi against the emulator', () => {
  it('when every msgtype is sent inside a window, then each reaches the follower\'s phone as a custom message', async () => {
    followerWhoWrote('oA');
    for (const message of every) {
      writes('oA'); // a fresh window each time, so the count never runs out
      await service.send('oA', message);
    }
    expect(emulator.emu.inbox(appId, 'oA').map((i) => [i.source, i.msgType])).toEqual(every.map((m) => ['custom', m.type]));
  });

  it('when 49 h have passed since the follower wrote, then a send fails with 45015', async () => {
    followerWhoWrote('oA');
    await service.send('oA', { type: 'text', content: 'within' });
    clock.advance(49 * HOUR);
    expect(await errcodeOf(service.send('oA', { type: 'text', content: 'too late' }))).toBe(45015);
  });

  it('when five messages were sent in the window, then the sixth fails with 45047', async () => {
    followerWhoWrote('oA');
    for (let i = 0; i < 5; i++) await service.send('oA', { type: 'text', content: `m${i}` });
    expect(await errcodeOf(service.send('oA', { type: 'text', content: 'sixth' }))).toBe(45047);
  });

  it('when the follower just followed, then three messages are allowed, the fourth is 45047, and their next message opens a new window', async () => {
    emulator.emu.follow(appId, 'oNew');
    for (let i = 0; i < 3; i++) await service.send('oNew', { type: 'text', content: `welcome ${i}` });
    expect(await errcodeOf(service.send('oNew', { type: 'text', content: 'fourth' }))).toBe(45047);
    clock.advance(61_000);
    writes('oNew');
    await service.send('oNew', { type: 'text', content: 'after a message' });
  });

  it('when typing is shown twice within 15 s, then the second is 45081 and CancelTyping lets it be shown again', async () => {
    followerWhoWrote('oA');
    await service.typing('oA', 'Typing');
    expect(await errcodeOf(service.typing('oA', 'Typing'))).toBe(45081);
    await service.typing('oA', 'CancelTyping');
    await service.typing('oA', 'Typing');
  });
});

describe('KfApi against the emulator', () => {
  const KF = 'kf1@wxoa_test';

  async function onlineAgent(): Promise<void> {
    await kf.addAccount(KF, '小助手');
    await kf.inviteWorker(KF, 'worker_kf1');
    expect((await control(`/kf/${encodeURIComponent(KF)}/invite`, { answer: 'accept' })).status).toBe(200);
    expect((await control(`/kf/${encodeURIComponent(KF)}/status`, { status: 1 })).status).toBe(200);
  }

  it('when an agent is added, invited, renamed and deleted, then the lists follow each step', async () => {
    await kf.addAccount(KF, '小助手');
    await kf.inviteWorker(KF, 'worker_kf1');
    expect(await kf.listAccounts()).toEqual([
      { account: KF, nickname: '小助手', id: '1001', headImgUrl: expect.any(String), invite: { wechatId: 'worker_kf1', expiresAt: expect.any(Number), status: 'waiting' } },
    ]);
    await control(`/kf/${encodeURIComponent(KF)}/invite`, { answer: 'accept' });
    await kf.updateAccount(KF, '客服一号');
    expect(await kf.listAccounts()).toEqual([{ account: KF, nickname: '客服一号', id: '1001', headImgUrl: expect.any(String), wechatId: 'worker_kf1', openid: expect.any(String) }]);
    expect(await kf.listOnlineAccounts()).toEqual([]);
    await control(`/kf/${encodeURIComponent(KF)}/status`, { status: 1 });
    expect(await kf.listOnlineAccounts()).toEqual([{ account: KF, status: 1, id: '1001', acceptedCases: 0 }]);
    await kf.deleteAccount(KF);
    expect(await kf.listAccounts()).toEqual([]);
  });

  it('when the kf_account prefix is too long, then addAccount fails with 65404', async () => {
    expect(await errcodeOf(kf.addAccount('prefix_too_long@wxoa_test', 'x'))).toBe(65404);
  });

  it('when a queued follower is taken by an agent, then the queue, the session and the agent\'s list agree, until the session closes', async () => {
    await onlineAgent();
    followerWhoWrote('oA');
    await control('/kf-waitcase', { openid: 'oA' });
    expect(await kf.waitCase()).toEqual({ count: 1, cases: [{ openid: 'oA', latestTime: emulator.emu.nowSeconds() }] });
    await kf.createSession(KF, 'oA');
    const now = emulator.emu.nowSeconds();
    expect(await kf.waitCase()).toEqual({ count: 0, cases: [] });
    expect(await kf.getSession('oA')).toEqual({ kfAccount: KF, createdAt: now });
    expect(await kf.listSessions(KF)).toEqual([{ openid: 'oA', createdAt: now }]);
    await kf.closeSession(KF, 'oA');
    expect(await kf.getSession('oA')).toEqual({ kfAccount: null, createdAt: 0 });
    expect(await errcodeOf(kf.closeSession(KF, 'oA'))).toBe(65413);
  });

  it('when records span two Beijing days and several pages, then msgRecord returns them all in order', async () => {
    await kf.addAccount(KF, 'kf');
    followerWhoWrote('oA');
    const start = emulator.emu.nowSeconds();
    for (let i = 0; i < 3; i++) await service.send('oA', { type: 'text', content: `day1-${i}` }, { kfAccount: KF });
    clock.advance(24 * HOUR);
    writes('oA');
    for (let i = 0; i < 2; i++) await service.send('oA', { type: 'text', content: `day2-${i}` }, { kfAccount: KF });
    await service.send('oA', { type: 'text', content: 'not as an agent' });
    const records = await kf.msgRecord(start, emulator.emu.nowSeconds(), { pageSize: 2 });
    expect(records.map((r) => r.text)).toEqual(['day1-0', 'day1-1', 'day1-2', 'day2-0', 'day2-1']);
    expect(records[0]).toEqual({ openid: 'oA', operCode: 2002, text: 'day1-0', time: start, worker: KF });
  });
});
