import request from 'supertest';
import { ADMIN_TOKEN, startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { TEST_ACCOUNT } from '../helpers/wechat-client';

/** Team tokens through the admin API: each role gets what its job needs and nothing more. */
describe('admin tokens and roles', () => {
  let rt: TestRuntime;
  const as = (token: string) => ({
    get: (path: string) => request(rt.handler).get(path).set('authorization', `Bearer ${token}`),
    post: (path: string) => request(rt.handler).post(path).set('authorization', `Bearer ${token}`),
    delete: (path: string) => request(rt.handler).delete(path).set('authorization', `Bearer ${token}`),
  });
  const admin = () => as(ADMIN_TOKEN);

  beforeEach(async () => {
    rt = await startTestRuntime();
    await rt.accounts.create(TEST_ACCOUNT);
  });
  afterEach(() => rt.close());

  it('when an admin issues a token, then it is shown once, listed without secrets, works, and stops working when revoked', async () => {
    const issued = await admin().post('/api/v1/tokens').send({ name: 'zhang.editor', role: 'editor' });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ name: 'zhang.editor', role: 'editor', token: expect.stringMatching(/^wxoa_/) });
    const listed = await admin().get('/api/v1/tokens');
    expect(listed.body.items).toEqual([expect.objectContaining({ id: issued.body.id, name: 'zhang.editor', role: 'editor' })]);
    expect(JSON.stringify(listed.body)).not.toContain(issued.body.token);
    expect(JSON.stringify(listed.body)).not.toMatch(/tokenHash/);

    expect((await as(issued.body.token).get('/api/v1/accounts')).status).toBe(200);
    expect((await admin().delete(`/api/v1/tokens/${issued.body.id}`)).status).toBe(204);
    expect((await as(issued.body.token).get('/api/v1/accounts')).status).toBe(401);
    expect((await admin().delete(`/api/v1/tokens/${issued.body.id}`)).status).toBe(404);
  });

  it('when each role calls the API, then editors write rules but cannot approve a send, agents only read, supervisors approve but cannot issue tokens', async () => {
    const token = async (name: string, role: string) => (await admin().post('/api/v1/tokens').send({ name, role })).body.token as string;
    const [editor, agent, supervisor] = [await token('editor1', 'editor'), await token('agent1', 'agent'), await token('boss', 'supervisor')];
    const rule = { name: 'hi', trigger: { kind: 'keyword', keywords: [{ text: '你好', mode: 'exact' }] }, replies: [{ type: 'text', content: '您好' }] };
    const rules = `/api/v1/accounts/${TEST_ACCOUNT.appId}/auto-replies`;
    expect((await as(editor).post(rules).send(rule)).status).toBe(201);
    expect((await as(agent).post(rules).send({ ...rule, name: 'hi2' })).status).toBe(403);
    expect((await as(agent).get(`/api/v1/accounts/${TEST_ACCOUNT.appId}`)).status).toBe(200);
    // The message log, leads and SLA reports span an agency's clients: not an agent's.
    expect((await as(agent).get(`/api/v1/accounts/${TEST_ACCOUNT.appId}/messages`)).status).toBe(403);
    expect((await as(agent).get(`/api/v1/accounts/${TEST_ACCOUNT.appId}/leads`)).status).toBe(403);
    expect((await as(agent).get(`/api/v1/accounts/${TEST_ACCOUNT.appId}/sla-report?month=2023-11`)).status).toBe(403);
    expect((await as(supervisor).get(`/api/v1/accounts/${TEST_ACCOUNT.appId}/leads`)).status).toBe(200);

    const campaigns = `/api/v1/accounts/${TEST_ACCOUNT.appId}/campaigns`;
    const created = await as(editor).post(campaigns).send({ name: 'c', content: { type: 'text', content: 'x' }, audience: { kind: 'all' } });
    expect(created.status).toBe(201);
    expect((await as(editor).post(`${campaigns}/${created.body.id}/confirm`)).status).toBe(403);
    expect((await as(supervisor).post(`${campaigns}/${created.body.id}/confirm`)).status).not.toBe(403);
    expect((await as(supervisor).post('/api/v1/tokens').send({ name: 'x1', role: 'admin' })).status).toBe(403);
  });

  it('when a token request is wrong, then the answer is 400 naming each field', async () => {
    const res = await admin().post('/api/v1/tokens').send({ name: '', role: 'king' });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      { field: 'name', message: 'must be 2 to 64 letters, digits or _ . @ -' },
      { field: 'role', message: 'must be one of: admin, supervisor, editor, agent' },
    ]);
  });
});
