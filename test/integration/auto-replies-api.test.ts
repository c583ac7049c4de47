import request from 'supertest';
import { consoleAutoReplyInfo } from '../fixtures/console-autoreply-info';
import { startEmulator, type StartedEmulator } from '../helpers/emulator';
import { ADMIN_TOKEN, NOW_SECONDS, startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { TEST_ACCOUNT } from '../helpers/wechat-client';

const BASE = `/api/v1/accounts/${TEST_ACCOUNT.appId}/auto-replies`;
const keyword = { name: '价格', trigger: { kind: 'keyword', keywords: [{ text: '价格', mode: 'contains' }] }, replies: [{ type: 'text', content: '¥99' }] };

describe('auto-replies admin API', () => {
  let emulator: StartedEmulator;
  let rt: TestRuntime;
  let api: request.Agent;
  beforeEach(async () => {
    emulator = await startEmulator();
    rt = await startTestRuntime({ env: { WECHAT_API_BASE: emulator.url } });
    await rt.accounts.create({ ...TEST_ACCOUNT, appSecret: emulator.account.secret });
    api = request.agent(rt.handler).set('authorization', `Bearer ${ADMIN_TOKEN}`);
  });
  afterEach(async () => {
    await rt.close();
    await emulator.close();
  });

  it('when no token is sent, then it is 401', async () => {
    expect((await request(rt.handler).get(BASE)).status).toBe(401);
  });

  it('when a rule is created, read, patched and deleted, then each step answers as REST says', async () => {
    const created = await api.post(BASE).send(keyword);
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`${BASE}/${created.body.id}`);
    expect(created.body).toMatchObject({ ...keyword, appId: TEST_ACCOUNT.appId, createdAt: new Date(NOW_SECONDS * 1000).toISOString() });
    expect((await api.get(created.headers.location!)).body).toEqual(created.body);
    expect((await api.get(BASE)).body.items).toEqual([created.body]);
    const patched = await api.patch(created.headers.location!).send({ priority: 7 });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ priority: 7, name: '价格' });
    expect((await api.delete(created.headers.location!)).status).toBe(204);
    expect((await api.get(created.headers.location!)).status).toBe(404);
  });

  it('when a rule is invalid, then it is a 400 with every problem in details', async () => {
    const res = await api.post(BASE).send({ name: '', trigger: { kind: 'keyword', keywords: [{ text: '(a+)+$', mode: 'regex' }] }, replies: [] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['name', 'trigger.keywords[0].text', 'replies']));
  });

  it('when the account or the rule does not exist, then it is a 404', async () => {
    expect((await api.get('/api/v1/accounts/wx0000000000000000/auto-replies')).status).toBe(404);
    expect((await api.get(`${BASE}/nope`)).body.error.code).toBe('not_found');
  });

  it('when rules are exported and imported back with ?mode=replace, then the account ends with the same rules; a bad mode is a 400', async () => {
    await api.post(BASE).send(keyword);
    await api.post(BASE).send({ name: 'menu', trigger: { kind: 'click', key: 'K1' }, replies: [{ type: 'text', content: 'menu' }] });
    const exported = (await api.get(`${BASE}/export`)).body;
    expect(exported.map((r: { name: string }) => r.name)).toEqual(['价格', 'menu']);
    const res = await api.post(`${BASE}/import?mode=replace`).send([...exported, { name: 'new', trigger: { kind: 'default' }, replies: [{ type: 'text', content: '?' }] }]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ mode: 'replace', created: 1, updated: 2, removed: 0, total: 3 });
    expect((await api.post(`${BASE}/import?mode=merge`).send([])).status).toBe(400);
  });

  it('when an import has a bad rule, then it is a 400 naming the index and nothing changes', async () => {
    await api.post(BASE).send(keyword);
    const res = await api.post(`${BASE}/import?mode=replace`).send([keyword, { ...keyword, replyMode: 'sometimes' }]);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ index: 1, field: 'replyMode', message: expect.any(String) }]);
    expect((await api.get(BASE)).body.items).toHaveLength(1);
  });

  it('when a message is tested, then the answer carries the rule and the exact reply XML, and a change shows at once', async () => {
    const before = await api.post(`${BASE}/test`).send({ message: { type: 'text', content: '价格多少' }, openid: 'o_x' });
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ matched: null, passiveReplyXml: null });
    const rule = (await api.post(BASE).send(keyword)).body;
    const after = await api.post(`${BASE}/test`).send({ message: { type: 'text', content: '价格多少' }, openid: 'o_x' });
    expect(after.body.matched).toMatchObject({ ruleId: rule.id, keyword: { text: '价格', mode: 'contains' } });
    expect(after.body.passiveReplyXml).toBe(
      `<xml><ToUserName><![CDATA[o_x]]></ToUserName><FromUserName><![CDATA[${TEST_ACCOUNT.originalId}]]></FromUserName><CreateTime>${NOW_SECONDS}</CreateTime>`
        + '<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[¥99]]></Content></xml>',
    );
    expect((await api.post(`${BASE}/test`).send({ message: { type: 'gif' } })).status).toBe(400);
  });

  it('when the console has rules, then import-console converts them (dryRun saves nothing) and then saves them', async () => {
    await fetch(`${emulator.url}/__emulator/accounts/${TEST_ACCOUNT.appId}/autoreply-info`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(consoleAutoReplyInfo),
    });
    const dry = await api.post(`${BASE}/import-console?dryRun=true`);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true });
    expect(dry.body.rules).toHaveLength(6);
    expect(dry.body.skipped.length).toBeGreaterThan(0);
    expect((await api.get(BASE)).body.items).toEqual([]);
    const saved = await api.post(`${BASE}/import-console`);
    expect(saved.body).toMatchObject({ dryRun: false, created: 6 });
    expect((await api.get(BASE)).body.items).toHaveLength(6);
  });
});
