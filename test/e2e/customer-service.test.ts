import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { TEST_ACCOUNT } from '../helpers/wechat-client';
import { startProduct, type Product } from './wired';

/**
 * Issue 6 end to end: the emulator's follower asks, no rule answers, the conversation waits, an agent
 * comes online and gets it, answers through the admin API, and the answer reaches the phone; WeChat's
 * window (48 h, 5 messages) is enforced before WeChat would refuse; the SLA clock warns and breaches
 * once, escalating to the account's notification URL.
 */
const FAN = 'oFan000000000000000000000001';
const app = `/api/v1/accounts/${TEST_ACCOUNT.appId}`;
const HOUR = 3_600_000;

describe('customer service end to end (emulator follower → conversation → agent → phone)', () => {
  let p: Product;
  let aliceToken: string;
  let hook: { url: string; received: { headers: http.IncomingHttpHeaders; body: Record<string, unknown> }[]; close(): Promise<void> };
  const alice = () => ({
    get: (path: string) => request(p.rt.handler).get(path).set('authorization', `Bearer ${aliceToken}`),
    post: (path: string) => request(p.rt.handler).post(path).set('authorization', `Bearer ${aliceToken}`),
    put: (path: string) => request(p.rt.handler).put(path).set('authorization', `Bearer ${aliceToken}`),
  });
  const customTexts = async () => (await p.inbox(FAN)).filter((i) => i.source === 'custom').map((i) => (i.content as { text?: { content?: string } }).text?.content);

  beforeAll(async () => {
    hook = await startReceiver();
    p = await startProduct({ mode: 'safe' });
    await p.api().patch(`${app}/desk`).send({ notifyUrl: hook.url, notifySecret: 'a-long-enough-secret', slaMinutes: 24 * 60 }).expect(200);
    await p.api().post('/api/v1/agents').send({ id: 'alice', name: '小李', appIds: [TEST_ACCOUNT.appId], maxLoad: 5 }).expect(201);
    aliceToken = (await p.api().post('/api/v1/tokens').send({ name: 'alice', role: 'agent' }).expect(201)).body.token;
    await p.act(FAN, { type: 'subscribe' });
  });
  afterAll(async () => {
    await p.close();
    await hook.close();
  });

  let conversationId: string;

  it('when a follower asks and no rule answers, then a conversation waits (seen by the agents of that client only); when the agent comes online, it is hers', async () => {
    await p.act(FAN, { type: 'text', content: '你好，我想问一下会员卡怎么办理' });
    const waiting = await p.api().get('/api/v1/conversations?view=waiting');
    expect(waiting.body.items).toEqual([expect.objectContaining({ openid: FAN, state: 'waiting', reason: 'no_rule', agentId: null })]);
    conversationId = waiting.body.items[0].id;

    // An agent of another client (an agency serves several) neither sees it waiting nor reads its thread.
    await p.api().post('/api/v1/accounts').send({ appId: 'wx9999999999999999', name: '客户B', token: 'other1' }).expect(201);
    await p.api().post('/api/v1/agents').send({ id: 'bob', name: '小王', appIds: ['wx9999999999999999'] }).expect(201);
    const bob = (await p.api().post('/api/v1/tokens').send({ name: 'bob', role: 'agent' }).expect(201)).body.token as string;
    expect((await request(p.rt.handler).get('/api/v1/conversations?view=waiting').set('authorization', `Bearer ${bob}`)).body.items).toEqual([]);
    expect((await request(p.rt.handler).get(`/api/v1/conversations/${conversationId}`).set('authorization', `Bearer ${bob}`)).status).toBe(403);
    expect((await alice().get('/api/v1/conversations?view=waiting')).body.items.map((c: { id: string }) => c.id)).toEqual([conversationId]);

    p.clock.advance(60_000);
    p.rt.clock.set(p.clock.now());
    const online = await alice().put('/api/v1/agents/alice/status').send({ status: 'online' });
    expect(online.status).toBe(200);
    expect(online.body.assigned).toEqual([conversationId]);
    const mine = await alice().get('/api/v1/conversations?view=mine');
    expect(mine.body.items).toEqual([expect.objectContaining({ id: conversationId, state: 'assigned', agentId: 'alice' })]);
  });

  it('when the agent replies through the API, then the follower\'s phone shows it and the agent sees the window', async () => {
    const view = await alice().get(`/api/v1/conversations/${conversationId}`);
    expect(view.body.window).toMatchObject({ open: true, left: 5 });
    expect(view.body.thread.map((e: { direction: string; text: string }) => `${e.direction}:${e.text}`)).toEqual(['in:你好，我想问一下会员卡怎么办理']);

    const sent = await alice().post(`/api/v1/conversations/${conversationId}/reply`).send({ type: 'text', content: '您好！会员卡可在门店或小程序办理。' });
    expect(sent.status).toBe(200);
    expect(sent.body.conversation).toMatchObject({ state: 'answered', waitingSince: null, dueAt: null });
    expect(sent.body.window).toMatchObject({ left: 4 });
    expect(await customTexts()).toEqual(['您好！会员卡可在门店或小程序办理。']);
  });

  it('when the 5 messages of the window are used, then the 6th is refused with the reason before WeChat is asked', async () => {
    for (const n of [2, 3, 4, 5]) expect((await alice().post(`/api/v1/conversations/${conversationId}/reply`).send({ type: 'text', content: `补充说明 ${n}` })).status).toBe(200);
    const sixth = await alice().post(`/api/v1/conversations/${conversationId}/reply`).send({ type: 'text', content: '第六条' });
    expect(sixth.status).toBe(422);
    expect(sixth.body.error).toMatchObject({ code: 'reply_quota_used', details: { code: 'quota_used' } });
    expect(sixth.body.error.message).toMatch(/45047/);
    expect(await customTexts()).toHaveLength(5); // nothing reached WeChat for the sixth
  });

  it('when the follower writes again, then the window opens anew and the SLA clock runs; it warns at 80 % and breaches at 24 h, each once', async () => {
    p.clock.advance(10 * 60_000); // ten minutes after the agent's answers
    await p.act(FAN, { type: 'text', content: '还有一个问题：周末营业吗？' });
    const conversation = (await alice().get(`/api/v1/conversations/${conversationId}`)).body.conversation;
    expect(conversation).toMatchObject({ state: 'assigned', waitingSince: expect.any(String) });
    const sweep = () => p.rt.customerService.sweeper.sweep();

    p.rt.clock.advance(19 * HOUR);
    expect(await sweep()).toEqual({ warnings: [], breaches: [] });
    p.rt.clock.advance(1 * HOUR);
    expect(await sweep()).toEqual({ warnings: [conversationId], breaches: [] });
    expect(await sweep()).toEqual({ warnings: [], breaches: [] });
    p.rt.clock.advance(4 * HOUR + 60_000);
    expect(await sweep()).toEqual({ warnings: [], breaches: [conversationId] });
    expect(await sweep()).toEqual({ warnings: [], breaches: [] });

    expect((await alice().get('/api/v1/conversations?view=breached')).body.items.map((c: { id: string }) => c.id)).toEqual([conversationId]);
    await waitFor(() => hook.received.length >= 2);
    expect(hook.received.map((r) => r.body.type)).toEqual(['sla.warning', 'sla.breach']);
    expect(hook.received[1]!.headers['x-wxoa-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    const metrics = await request(p.rt.handler).get('/metrics');
    expect(metrics.text).toMatch(/wxoa_cs_sla_marks_total\{app_id="wxb11529c136998cb6",kind="breach"\} 1/);
  });

  it('when the agent answers 49 hours after the follower\'s last message, then the reply is refused with the reason and nothing is sent', async () => {
    p.rt.clock.advance(25 * HOUR); // 49 h after the follower's last message
    const late = await alice().post(`/api/v1/conversations/${conversationId}/reply`).send({ type: 'text', content: '抱歉回复晚了' });
    expect(late.status).toBe(422);
    expect(late.body.error).toMatchObject({ code: 'reply_window_closed' });
    expect(late.body.error.message).toMatch(/48-hour window closed/);
    expect(await customTexts()).not.toContain('抱歉回复晚了');
  });

  it('when a follower asks for a person (人工), then the acknowledgement answers and the month\'s SLA report counts the conversation', async () => {
    await p.act('oFan000000000000000000000002', { type: 'subscribe' });
    await p.act('oFan000000000000000000000002', { type: 'text', content: '转人工' });
    const phone = await p.inbox('oFan000000000000000000000002');
    expect(phone.map((i) => (i.content as { Content?: string }).Content).filter(Boolean)).toEqual(['正在为您转接人工客服，请稍候。']);
    const report = await p.api().get(`${app}/sla-report?month=2023-11`);
    expect(report.status).toBe(200);
    expect(report.body.account).toMatchObject({ opened: 2, breaches: 1, warnings: 1 });
  });
});

async function waitFor(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
}

/** The client's notification endpoint: records what it gets, answers 204. */
async function startReceiver() {
  const received: { headers: http.IncomingHttpHeaders; body: Record<string, unknown> }[] = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(data) as Record<string, unknown> });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/wxoa`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
