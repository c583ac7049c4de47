import request from 'supertest';
import { startEmulator, type StartedEmulator } from '../helpers/emulator';
import { ADMIN_TOKEN, startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { TEST_ACCOUNT } from '../helpers/wechat-client';

/**
 * Mass-send campaigns against the emulator's mass API and its followers' phones. The runtime's
 * clock starts at 2023-11-14T22:13:20Z, which is 06:13 on 2023-11-15 in Asia/Shanghai: the 11:00
 * slot that day is 03:00Z.
 */
const base = `/api/v1/accounts/${TEST_ACCOUNT.appId}/campaigns`;
const FOLLOWERS = ['oFan1', 'oFan2', 'oFan3'];
/** The team member previews go to (a follower too, but not one of those counted). */
const TESTER = 'oTester';
const SLOT_1100 = '2023-11-15T03:00:00.000Z';

describe('mass-send campaigns through the emulator', () => {
  let emulator: StartedEmulator;
  let rt: TestRuntime;
  const call = (method: 'get' | 'post' | 'patch', path: string) => request(rt.handler)[method](`${base}${path}`).set('authorization', `Bearer ${ADMIN_TOKEN}`);
  const massItems = (openid: string) => emulator.emu.inbox(TEST_ACCOUNT.appId, openid).filter((i) => i.source === 'mass');
  /** The emulator delivers a mass send a moment after answering (as WeChat does): wait for the phones. */
  const delivered = async (count: number) => {
    for (let i = 0; i < 200 && !FOLLOWERS.every((f) => massItems(f).length >= count); i++) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 20)); // and a little longer, so a second delivery would show
  };

  beforeEach(async () => {
    emulator = await startEmulator();
    for (const openid of [...FOLLOWERS, TESTER]) emulator.emu.follow(TEST_ACCOUNT.appId, openid);
    rt = await startTestRuntime({ env: { WECHAT_API_BASE: emulator.url } });
    await rt.accounts.create(TEST_ACCOUNT);
  });
  afterEach(async () => {
    await rt.close();
    await emulator.close();
  });

  /** A text campaign to every follower, previewed to oFan1 and confirmed, scheduled for the 11:00 slot. */
  async function scheduledCampaign(content = '本周活动'): Promise<string> {
    const created = await call('post', '/').send({ name: 'weekly', content: { type: 'text', content }, audience: { kind: 'all' } });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await call('post', `/${id}/preview`).send({ openids: [TESTER] }).expect(200);
    await call('post', `/${id}/confirm`).expect(200);
    const scheduled = await call('post', `/${id}/schedule`).send({ slot: '11:00', date: '2023-11-15' });
    expect(scheduled.status).toBe(200);
    return id;
  }

  it('when a campaign goes draft → preview → confirm → slot, then at the slot every follower receives it once, and later sweeps send nothing more', async () => {
    const created = await call('post', '/').send({ name: 'weekly', content: { type: 'text', content: '本周活动' }, audience: { kind: 'all' } });
    const id = created.body.id as string;
    expect(created.body).toMatchObject({ state: 'draft', clientMsgId: `wxoa-${id}` });

    const early = await call('post', `/${id}/schedule`).send({ slot: '11:00', date: '2023-11-15' });
    expect(early.status).toBe(409); // no preview yet
    await call('post', `/${id}/preview`).send({ openids: [TESTER] }).expect(200);
    expect(emulator.emu.inbox(TEST_ACCOUNT.appId, TESTER)).toHaveLength(1); // the preview, on the tester's phone only
    for (const openid of FOLLOWERS) expect(massItems(openid)).toHaveLength(0);
    const unconfirmed = await call('post', `/${id}/schedule`).send({ slot: '11:00', date: '2023-11-15' });
    expect(unconfirmed.status).toBe(409);
    expect(unconfirmed.body.error.message).toMatch(/confirm/);

    await call('post', `/${id}/confirm`).expect(200);
    const scheduled = await call('post', `/${id}/schedule`).send({ slot: '11:00', date: '2023-11-15' });
    expect(scheduled.body).toMatchObject({ state: 'scheduled', dueAt: SLOT_1100 });

    rt.clock.set(Date.parse(SLOT_1100) - 1000);
    expect((await rt.campaignSender.sendDue()).sent).toEqual([]);
    rt.clock.set(Date.parse(SLOT_1100) + 5000);
    expect((await rt.campaignSender.sendDue()).sent).toEqual([id]);
    await delivered(1);
    for (const openid of FOLLOWERS) expect(massItems(openid)).toHaveLength(1);

    rt.clock.advance(10 * 60_000);
    expect(await rt.campaignSender.sendDue()).toEqual({ sent: [], failed: [], missed: [], retrying: [] });
    const after = await call('get', `/${id}`);
    expect(after.body).toMatchObject({ state: 'sent', attempts: 1, reason: null });
    expect(after.body.msgId).toMatch(/^\d+$/);
    for (const openid of FOLLOWERS) expect(massItems(openid)).toHaveLength(1);
  });

  it('when the worker died after WeChat accepted the send, then the next sweep records the existing msg_id (45065) and nobody receives it twice', async () => {
    const id = await scheduledCampaign();
    const campaign = (await rt.store.campaigns.get(id))!;
    // What the dead worker did: claimed the campaign, and its sendall reached WeChat.
    rt.clock.set(Date.parse(SLOT_1100) + 1000);
    const claimedAt = rt.clock.now().toISOString();
    expect(await rt.store.campaigns.transition(id, 'scheduled', { state: 'sending', attempts: 1, firstAttemptAt: claimedAt, leaseUntil: new Date(rt.clock.now().getTime() + 60_000).toISOString() })).toBe(true);
    const api = (await rt.wechatApi.forAccount(TEST_ACCOUNT.appId))!;
    const first = await api.mass.sendAll({ filter: { isToAll: true }, message: { type: 'text', content: '本周活动' }, clientMsgId: campaign.clientMsgId });
    expect(first.outcome).toBe('submitted');

    // While its lease holds, nobody touches the campaign.
    expect((await rt.campaignSender.sendDue()).sent).toEqual([]);
    rt.clock.advance(2 * 60_000);
    expect((await rt.campaignSender.sendDue()).sent).toEqual([id]);
    const after = (await rt.store.campaigns.get(id))!;
    expect(after).toMatchObject({ state: 'sent', msgId: first.msgId, attempts: 2 });
    expect(after.reason).toMatch(/45065/);
    await delivered(1);
    for (const openid of FOLLOWERS) expect(massItems(openid)).toHaveLength(1);
  });

  it('when WeChat stays busy (-1) past the client\'s own retries, then the sweep retries later with the same clientmsgid and it goes out once', async () => {
    const id = await scheduledCampaign();
    // The API client retries -1 three times itself; four failures reach the sender.
    await request(emulator.url).post('/__emulator/faults').send({ path: '/cgi-bin/message/mass/sendall', errcode: -1, count: 4 }).expect(201);
    rt.clock.set(Date.parse(SLOT_1100) + 1000);
    expect((await rt.campaignSender.sendDue()).retrying).toEqual([id]);
    expect((await rt.store.campaigns.get(id))!.state).toBe('sending');
    rt.clock.advance(60_000);
    expect((await rt.campaignSender.sendDue()).sent).toEqual([id]);
    await delivered(1);
    for (const openid of FOLLOWERS) expect(massItems(openid)).toHaveLength(1);
  });

  it('when WeChat refuses for good, then the campaign fails with the reason and is not retried', async () => {
    const id = await scheduledCampaign();
    await request(emulator.url).post('/__emulator/faults').send({ path: '/cgi-bin/message/mass/sendall', errcode: 45028, errmsg: 'has no masssend quota', count: 1 }).expect(201);
    rt.clock.set(Date.parse(SLOT_1100) + 1000);
    expect((await rt.campaignSender.sendDue()).failed).toEqual([id]);
    expect((await rt.store.campaigns.get(id))!.reason).toMatch(/45028/);
    rt.clock.advance(3_600_000);
    expect((await rt.campaignSender.sendDue()).sent).toEqual([]);
    await delivered(0);
    for (const openid of FOLLOWERS) expect(massItems(openid)).toHaveLength(0);
  });

  it('when the server was down past the grace, then the slot is marked missed with the reason, not sent late', async () => {
    const id = await scheduledCampaign();
    rt.clock.set(Date.parse(SLOT_1100) + 31 * 60_000);
    expect((await rt.campaignSender.sendDue()).missed).toEqual([id]);
    expect((await call('get', `/${id}`)).body).toMatchObject({ state: 'missed', reason: expect.stringMatching(/grace/) });
    for (const openid of FOLLOWERS) expect(massItems(openid)).toHaveLength(0);
  });

  it('when a subscription account already has a send that day, then a second is refused with the reason', async () => {
    await rt.accounts.update(TEST_ACCOUNT.appId, { type: 'subscription' });
    await scheduledCampaign('first');
    const created = await call('post', '/').send({ name: 'second', content: { type: 'text', content: 'second' }, audience: { kind: 'tag', tagId: 2 } });
    const id = created.body.id as string;
    await call('post', `/${id}/preview`).send({ openids: [TESTER] }).expect(200);
    await call('post', `/${id}/confirm`).expect(200);
    const refused = await call('post', `/${id}/schedule`).send({ slot: '20:00', date: '2023-11-15' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'mass_send_quota', message: expect.stringMatching(/once a day/) });
    const nextDay = await call('post', `/${id}/schedule`).send({ slot: '11:00', date: '2023-11-16' });
    expect(nextDay.body.state).toBe('scheduled');
  });

  it('when an edit follows the preview, then the campaign is a draft again and needs a new preview', async () => {
    const created = await call('post', '/').send({ name: 'x', content: { type: 'text', content: 'v1' }, audience: { kind: 'all' } });
    const id = created.body.id as string;
    await call('post', `/${id}/preview`).send({ openids: [TESTER] }).expect(200);
    const edited = await call('patch', `/${id}`).send({ content: { type: 'text', content: 'v2' } });
    expect(edited.body).toMatchObject({ state: 'draft', preview: null, confirmation: null });
    expect((await call('post', `/${id}/confirm`)).status).toBe(409);
  });

  it('when the input is wrong, then the answer is 400 naming each problem', async () => {
    const res = await call('post', '/').send({ name: '', content: { type: 'text' }, audience: { kind: 'openids', openids: ['only-one'] } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/name/);
    expect(res.body.error.message).toMatch(/content/);
    expect(res.body.error.message).toMatch(/audience/);
    const created = await call('post', '/').send({ name: 'x', content: { type: 'text', content: 'v1' }, audience: { kind: 'all' } });
    expect((await call('post', `/${created.body.id}/preview`).send({})).status).toBe(400);
    expect((await call('get', '/nope')).status).toBe(404);
    expect((await call('get', '/?state=bogus')).status).toBe(400);
  });

  it("when an account's push schedule names other slots and marks, then campaigns are scheduled into those and cadence reads them", async () => {
    const patched = await request(rt.handler).patch(`/api/v1/accounts/${TEST_ACCOUNT.appId}`).set('authorization', `Bearer ${ADMIN_TOKEN}`)
      .send({ pushSchedule: { slots: ['21:30', '09:15'], alertAfterDays: 5 } });
    expect(patched.status).toBe(200);
    expect(patched.body.pushSchedule).toEqual({ slots: ['09:15', '21:30'], warnAfterDays: 3, alertAfterDays: 5 });
    expect((await call('get', '/slots')).body).toEqual({ slots: ['09:15', '21:30'], timeZone: 'Asia/Shanghai' });
    expect((await call('get', '/cadence')).body).toMatchObject({ level: 'warning', warnAfterDays: 3, alertAfterDays: 5 });

    const created = await call('post', '/').send({ name: 'evening', content: { type: 'text', content: '晚安' }, audience: { kind: 'all' } });
    const id = created.body.id as string;
    await call('post', `/${id}/preview`).send({ openids: [TESTER] }).expect(200);
    await call('post', `/${id}/confirm`).expect(200);
    const usual = await call('post', `/${id}/schedule`).send({ slot: '11:00', date: '2023-11-15' });
    expect(usual.status).toBe(400);
    expect(usual.body.error.message).toContain("not one of the account's slots (09:15, 21:30)");
    const evening = await call('post', `/${id}/schedule`).send({ slot: '21:30', date: '2023-11-15' });
    expect(evening.body).toMatchObject({ state: 'scheduled', dueAt: '2023-11-15T13:30:00.000Z' });
  });

  it('when a push schedule is wrong, then the account answer is 400 naming each field and nothing changes', async () => {
    const url = `/api/v1/accounts/${TEST_ACCOUNT.appId}`;
    const bad = await request(rt.handler).patch(url).set('authorization', `Bearer ${ADMIN_TOKEN}`)
      .send({ pushSchedule: { slots: ['25:00', '11:00', '11:00'], warnAfterDays: 0 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((p: { field: string }) => p.field).sort()).toEqual(['pushSchedule.slots', 'pushSchedule.slots.0', 'pushSchedule.warnAfterDays']);
    const inverted = await request(rt.handler).patch(url).set('authorization', `Bearer ${ADMIN_TOKEN}`).send({ pushSchedule: { warnAfterDays: 7, alertAfterDays: 7 } });
    expect(inverted.status).toBe(400);
    expect(inverted.body.error.details).toEqual([{ field: 'pushSchedule.alertAfterDays', message: 'must be more than warnAfterDays (7)' }]);
    const unchanged = await request(rt.handler).get(url).set('authorization', `Bearer ${ADMIN_TOKEN}`);
    expect(unchanged.body.pushSchedule).toEqual({ slots: ['11:00', '15:00', '20:00'], warnAfterDays: 3, alertAfterDays: 7 });
  });

  it('when MASSSENDJOBFINISH never arrives, then after a quiet quarter hour the poller asks message/mass/get and records the status', async () => {
    const id = await scheduledCampaign();
    rt.clock.set(Date.parse(SLOT_1100) + 5000);
    expect((await rt.campaignSender.sendDue()).sent).toEqual([id]);
    await delivered(1);
    // No webhook URL is set in the emulator here, so the callback goes nowhere, as when a server was down.
    expect((await call('get', `/${id}`)).body.results).toBeNull();
    expect(await rt.resultPoller.pollMissing()).toEqual({ settled: [], stillSending: [], errors: [] }); // too early: the callback may still come
    rt.clock.advance(16 * 60_000);
    expect(await rt.resultPoller.pollMissing()).toEqual({ settled: [id], stillSending: [], errors: [] });
    const after = (await call('get', `/${id}`)).body;
    expect(after).toMatchObject({ state: 'sent', results: { status: 'send success', totalCount: null, sentCount: null } });
    expect(await rt.resultPoller.pollMissing()).toEqual({ settled: [], stillSending: [], errors: [] }); // settled once
  });
});
