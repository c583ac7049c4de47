import request from 'supertest';
import { inboundSamples } from '../fixtures/inbound-samples';
import { ADMIN_TOKEN, NOW_SECONDS, startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { TEST_ACCOUNT, toQueryString, wechatRequest } from '../helpers/wechat-client';

describe('GET /api/v1/accounts/:appId/messages', () => {
  let rt: TestRuntime;
  const api = (path: string) => request(rt.handler).get(path).set('authorization', `Bearer ${ADMIN_TOKEN}`);

  beforeAll(async () => {
    rt = await startTestRuntime({ handlers: { text: () => ({ type: 'text', content: 'hi there' }) } });
    await rt.accounts.create(TEST_ACCOUNT);
    for (const [i, kind] of ['text', 'image', 'event:subscribe', 'event:CLICK'].entries()) {
      rt.clock.set((NOW_SECONDS + i * 60) * 1000);
      const { query, body } = wechatRequest(inboundSamples[kind]!, 'plaintext', { timestamp: NOW_SECONDS + i * 60 });
      await request(rt.handler).post(`/wechat/${TEST_ACCOUNT.appId}?${toQueryString(query)}`).send(body);
    }
  });
  afterAll(() => rt.close());

  it('when listing without filters, then every message and reply comes newest first with its raw fields', async () => {
    const res = await api(`/api/v1/accounts/${TEST_ACCOUNT.appId}/messages`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((m: { direction: string; type: string }) => `${m.direction}:${m.type}`)).toEqual(['in:event', 'in:event', 'in:image', 'out:text', 'in:text']);
    const [click] = res.body.items;
    expect(click).toMatchObject({ direction: 'in', openid: 'oUser0000000000000000000000', type: 'event', event: 'CLICK' });
    expect(click.raw.MsgType).toBe('event');
    expect(typeof click.raw.CreateTime).toBe('string');
    const out = res.body.items[3];
    expect(out.raw).toMatchObject({ ToUserName: 'oUser0000000000000000000000', MsgType: 'text', Content: 'hi there' });
    expect(res.body.nextCursor).toBeNull();
  });

  it('when the text MsgId exceeds 2^53, then it is kept exactly as a string', async () => {
    const res = await api(`/api/v1/accounts/${TEST_ACCOUNT.appId}/messages?type=text`);
    const inbound = res.body.items.find((m: { direction: string }) => m.direction === 'in');
    expect(inbound.raw.MsgId).toMatch(/^\d{17,}$/);
    expect(inboundSamples.text).toContain(`<MsgId>${inbound.raw.MsgId}</MsgId>`);
  });

  it('when paging with limit, then nextCursor walks the whole log without repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await api(`/api/v1/accounts/${TEST_ACCOUNT.appId}/messages?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...res.body.items.map((m: { id: string }) => m.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
  });

  it('when filtering by type and time, then only matching messages come back', async () => {
    const since = new Date((NOW_SECONDS + 60) * 1000).toISOString();
    const until = new Date((NOW_SECONDS + 180) * 1000).toISOString();
    const res = await api(`/api/v1/accounts/${TEST_ACCOUNT.appId}/messages?type=event&since=${since}&until=${until}`);
    expect(res.body.items.map((m: { event: string }) => m.event)).toEqual(['subscribe']);
  });

  it('when filtering by openid, then other followers are left out', async () => {
    const res = await api(`/api/v1/accounts/${TEST_ACCOUNT.appId}/messages?openid=someone-else`);
    expect(res.body.items).toEqual([]);
  });

  it('when the query is bad, then 400 names every bad parameter', async () => {
    const res = await api(`/api/v1/accounts/${TEST_ACCOUNT.appId}/messages?limit=0&since=yesterday&cursor=zz`);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['cursor', 'limit', 'since']);
  });

  it('when the account does not exist, then 404', async () => {
    expect((await api('/api/v1/accounts/wx9999999999999999/messages')).status).toBe(404);
  });

  it('when no token is given, then 401', async () => {
    const res = await request(rt.handler).get(`/api/v1/accounts/${TEST_ACCOUNT.appId}/messages`);
    expect(res.status).toBe(401);
  });
});
