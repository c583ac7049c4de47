import request from 'supertest';
import { ADMIN_TOKEN, startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { TEST_ACCOUNT } from '../helpers/wechat-client';

/** The certification-reminder job on the real store, seen through GET /api/v1/reminders. Today is 2023-11-15 in Asia/Shanghai. */
describe('certification reminders', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await startTestRuntime();
    await rt.accounts.create({ ...TEST_ACCOUNT, certificationExpiresAt: '2023-11-22' });
  });
  afterEach(async () => rt.close());
  const list = () => request(rt.handler).get('/api/v1/reminders').set('authorization', `Bearer ${ADMIN_TOKEN}`);

  it('when the certification expires in 7 days, then one reminder is given and kept, and the next runs add none until the day before', async () => {
    expect((await rt.housekeeping.remindCertifications()).map((r) => r.key)).toEqual(['2023-11-22:7']);
    expect(await rt.housekeeping.remindCertifications()).toEqual([]);
    const given = await list();
    expect(given.status).toBe(200);
    expect(given.body.items).toEqual([expect.objectContaining({ appId: TEST_ACCOUNT.appId, kind: 'certification_expiring', key: '2023-11-22:7', message: expect.stringMatching(/in 7 days/) })]);
    rt.clock.advance(6 * 86_400_000);
    expect((await rt.housekeeping.remindCertifications()).map((r) => r.key)).toEqual(['2023-11-22:1']);
    expect((await list()).body.items.map((r: { key: string }) => r.key)).toEqual(['2023-11-22:1', '2023-11-22:7']);
  });

  it('when the query is wrong or the token missing, then 400 or 401', async () => {
    expect((await request(rt.handler).get('/api/v1/reminders?limit=0').set('authorization', `Bearer ${ADMIN_TOKEN}`)).status).toBe(400);
    expect((await request(rt.handler).get('/api/v1/reminders')).status).toBe(401);
  });
});
