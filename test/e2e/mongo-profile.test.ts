import { randomBytes } from 'node:crypto';
import { startMongoWireServer } from '../support/mongo-wire/server';
import { withDatabase } from '../helpers/mongo';
import { startTestRuntime } from '../helpers/runtime';
import { TEST_ACCOUNT } from '../helpers/wechat-client';
import { startProduct, type Product } from './wired';

/**
 * The product on the production store: the server opens MongoDB from MONGODB_URI (a real one when
 * the variable is set for the test run, else the in-process wire server) and a follower, an operator
 * and the scheduler use it end to end; a second server on the same database sees everything.
 */
const FAN = 'oFan000000000000000000000001';
const OTHER_FANS = ['oFan000000000000000000000002', 'oFan000000000000000000000003'];
const TESTER = 'oTester00000000000000000000';
const app = `/api/v1/accounts/${TEST_ACCOUNT.appId}`;
const text = (content: string) => ({ type: 'text', content });

describe('the production profile: the whole product on MongoDB', () => {
  let server: { uri: string; close(): Promise<void> } | null = null;
  let uri: string;
  let p: Product;

  beforeAll(async () => {
    server = process.env.MONGODB_URI ? null : await startMongoWireServer();
    uri = withDatabase(process.env.MONGODB_URI ?? server!.uri, `wxoa_e2e_${randomBytes(4).toString('hex')}`);
    p = await startProduct({ mode: 'safe', env: { MONGODB_URI: uri } });
  });
  afterAll(async () => {
    await p.close();
    await server?.close();
  });

  it('when rules are created through the API, then a follow and a keyword are answered from the Mongo store', async () => {
    for (const rule of [
      { name: 'welcome', trigger: { kind: 'subscribe' }, replies: [text('欢迎关注！')] },
      { name: 'hours', trigger: { kind: 'keyword', keywords: [{ text: '营业时间', mode: 'contains' }] }, replies: [text('每天 9:00–21:00')] },
    ]) expect((await p.api().post(`${app}/auto-replies`).send(rule)).status).toBe(201);

    await p.act(FAN, { type: 'subscribe' });
    await p.act(FAN, { type: 'text', content: '请问营业时间？' });
    const phone = (await p.inbox(FAN)).map((i) => (i.content as { Content?: string }).Content);
    expect(phone).toEqual(['欢迎关注！', '每天 9:00–21:00']);
  });

  it('when the follower acted, then the message log and the follower list read back from Mongo', async () => {
    await new Promise((r) => setTimeout(r, 50)); // the log flushes every MESSAGE_LOG_FLUSH_MS
    const log = await p.api().get(`${app}/messages?openid=${FAN}`);
    expect(log.status).toBe(200);
    expect(log.body.items.length).toBeGreaterThanOrEqual(2);
    const followers = await p.api().get(`${app}/followers`);
    expect(followers.body.items.map((f: { openid: string }) => f.openid)).toContain(FAN);
  });

  it('when a campaign is previewed, confirmed and scheduled, then at the slot each follower gets it exactly once', async () => {
    for (const fan of [...OTHER_FANS, TESTER]) p.emulator.emu.follow(TEST_ACCOUNT.appId, fan);
    const created = await p.api().post(`${app}/campaigns`).send({ name: 'weekly', content: text('本周活动'), audience: { kind: 'all' } });
    const id = created.body.id as string;
    await p.api().post(`${app}/campaigns/${id}/preview`).send({ openids: [TESTER] }).expect(200);
    await p.api().post(`${app}/campaigns/${id}/confirm`).expect(200);
    const scheduled = await p.api().post(`${app}/campaigns/${id}/schedule`).send({ slot: '11:00', date: '2023-11-15' });
    expect(scheduled.body).toMatchObject({ state: 'scheduled', dueAt: '2023-11-15T03:00:00.000Z' });

    p.rt.clock.set(Date.parse('2023-11-15T03:00:05.000Z'));
    expect((await p.rt.campaignSender.sendDue()).sent).toEqual([id]);
    expect((await p.rt.campaignSender.sendDue()).sent).toEqual([]);
    for (let i = 0; i < 200 && p.emulator.emu.inbox(TEST_ACCOUNT.appId, OTHER_FANS[0]!).every((x) => x.source !== 'mass'); i++) await new Promise((r) => setTimeout(r, 5));
    for (const fan of [FAN, ...OTHER_FANS]) expect(p.emulator.emu.inbox(TEST_ACCOUNT.appId, fan).filter((x) => x.source === 'mass')).toHaveLength(1);
    expect((await p.api().get(`${app}/campaigns/${id}`)).body).toMatchObject({ state: 'sent', attempts: 1 });
  });

  it('when a second server opens the same database, then it sees the account, the rules and the sent campaign', async () => {
    const rt = await startTestRuntime({ env: { MONGODB_URI: uri } });
    try {
      expect((await rt.accounts.get(TEST_ACCOUNT.appId)).name).toBe(TEST_ACCOUNT.name);
      const rules = await rt.store.autoReplyRules.listByAccount(TEST_ACCOUNT.appId);
      expect(rules.map((r) => r.name).sort()).toEqual(['hours', 'welcome']);
      const campaigns = await rt.store.campaigns.list({ appId: TEST_ACCOUNT.appId });
      expect(campaigns.map((c) => c.state)).toEqual(['sent']);
    } finally {
      await rt.close();
    }
  });
});
