import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import request from 'supertest';
import { createRequestListener, type RequestListener } from '../../src/http/app';
import { Metrics } from '../../src/http/metrics';
import { BullmqJobRunner } from '../../src/queue/bullmq/bullmq-runner';
import { silentLogger } from '../../src/shared/logger';
import { ADMIN_TOKEN, startTestRuntime, type TestRuntime } from '../helpers/runtime';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const BEARER = `Bearer ${ADMIN_TOKEN}`;

interface QueueView { name: string; counts: Record<string, number>; readOnlyMode: boolean; jobSchedulerCount: number }
interface SchedulerView { id: string; queueName: string; every?: number | string | null }

describe('queue dashboard at /admin/queues (BullMQ, Redis)', () => {
  const prefix = `wxoa-test:${randomUUID()}`;
  let rt: TestRuntime;
  let connection: Redis;
  let runner: BullmqJobRunner;
  let app: RequestListener;

  beforeAll(async () => {
    rt = await startTestRuntime();
    connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    // Schedules only: nothing runs during the test.
    runner = new BullmqJobRunner(
      [{ name: 'test.tick', everyMs: 60_000, run: async () => undefined }, { name: 'test.sweep', everyMs: 5_000, run: async () => undefined }],
      { connection, logger: silentLogger, prefix, processJobs: false },
    );
    await runner.start();
    // The runtime's own handler has no queue (QUEUE_DRIVER=local); this one gets the runner, as main.ts wires it with bullmq.
    app = createRequestListener({
      logger: silentLogger, metrics: new Metrics({ defaultMetrics: false }), readiness: {}, webhookBodyLimitBytes: rt.config.webhookBodyLimitBytes,
      accounts: rt.accounts, adminAccess: rt.adminAccess, messages: rt.messages, webhook: rt.webhook, autoReplies: rt.autoReplies,
      broadcast: rt.broadcast, housekeeping: rt.housekeeping, analytics: rt.analytics, menus: rt.menus,
      jobQueue: runner,
    });
  });

  afterAll(async () => {
    await runner.stop();
    try {
      let cursor = '0';
      do {
        const [next, keys] = await connection.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        if (keys.length > 0) await connection.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    } finally {
      connection.disconnect();
      await rt.close();
    }
  });

  it('when no token is sent, then the page and its API answer 401 with the Bearer challenge', async () => {
    for (const path of ['/admin/queues', '/admin/queues/', '/admin/queues/api/queues', '/admin/queues/static/x.js']) {
      const res = await request(app).get(path);
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(res.body.error.code).toBe('unauthorized');
    }
  });

  it('when a wrong token is sent, then 401 and no cookie', async () => {
    const res = await request(app).get('/admin/queues?token=wrong');
    expect(res.status).toBe(401);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect((await request(app).get('/admin/queues').set('Authorization', 'Bearer wrong')).status).toBe(401);
  });

  it('when the bearer token is sent, then the page renders and the API lists the wxoa-jobs queue and its schedules', async () => {
    const page = await request(app).get('/admin/queues').set('Authorization', BEARER);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('/admin/queues');
    expect(page.headers['cache-control']).toBe('no-store');

    const queues = await request(app).get('/admin/queues/api/queues').set('Authorization', BEARER);
    expect(queues.status).toBe(200);
    const list = queues.body.queues as QueueView[];
    expect(list.map((q) => q.name)).toEqual(['wxoa-jobs']);
    expect(list[0]!.readOnlyMode).toBe(true);
    expect(list[0]!.jobSchedulerCount).toBe(2);
    // No worker here (processJobs: false): each scheduler's first tick waits.
    expect(list[0]!.counts.waiting).toBe(2);

    const schedules = await request(app).get('/admin/queues/api/job-schedulers').set('Authorization', BEARER);
    expect(schedules.status).toBe(200);
    const byId = new Map((schedules.body.schedulers as SchedulerView[]).map((s) => [s.id, s]));
    expect([...byId.keys()].sort()).toEqual(['test.sweep', 'test.tick']);
    expect(byId.get('test.tick')).toMatchObject({ queueName: 'wxoa-jobs' });
    expect(Number(byId.get('test.tick')!.every)).toBe(60_000);
  });

  it('when the token comes once in the URL, then it becomes a strict HttpOnly cookie and the redirect drops it', async () => {
    const res = await request(app).get(`/admin/queues/queue/wxoa-jobs?token=${encodeURIComponent(ADMIN_TOKEN)}&status=failed`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/admin/queues/queue/wxoa-jobs?status=failed');
    expect(res.headers.location).not.toContain(ADMIN_TOKEN);
    const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    expect(setCookie).toHaveLength(1);
    const cookie = setCookie[0]!;
    expect(cookie).toMatch(/httponly/i);
    expect(cookie).toMatch(/samesite=strict/i);
    expect(cookie).toMatch(/path=\/admin\/queues(;|$)/i);

    const pair = cookie.split(';')[0]!;
    const queues = await request(app).get('/admin/queues/api/queues').set('Cookie', pair);
    expect(queues.status).toBe(200);
    expect((queues.body.queues as QueueView[])[0]!.name).toBe('wxoa-jobs');
    // The cookie is for the dashboard only: the admin API still wants the header.
    expect((await request(app).get('/api/accounts').set('Cookie', pair)).status).toBe(401);
  });

  it('when the cookie holds a token that is not valid, then 401 and the cookie is cleared', async () => {
    const res = await request(app).get('/admin/queues/api/queues').set('Cookie', 'wxoa_queue_dashboard=stale');
    expect(res.status).toBe(401);
    expect(String(res.headers['set-cookie'])).toMatch(/wxoa_queue_dashboard=;/);
  });

  it('when an action is attempted, then 405: the board is read-only', async () => {
    const res = await request(app).put('/admin/queues/api/queues/wxoa-jobs/pause').set('Authorization', BEARER);
    expect(res.status).toBe(405);
    expect(await (runner.currentQueue!).isPaused()).toBe(false);
  });
});

describe('queue dashboard wiring', () => {
  it('when QUEUE_DRIVER=local, then /admin/queues answers 404 saying why (after auth)', async () => {
    const rt = await startTestRuntime();
    try {
      expect((await request(rt.handler).get('/admin/queues')).status).toBe(401);
      const res = await request(rt.handler).get('/admin/queues').set('Authorization', BEARER);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
      expect(res.body.error.message).toMatch(/QUEUE_DRIVER=local/);
    } finally {
      await rt.close();
    }
  });

  it('when QUEUE_DRIVER=bullmq and the runner has not started, then 503 (main.ts hands the runner to the edge)', async () => {
    // buildRuntime does not start the runner, so nothing is written under the default prefix.
    const rt = await startTestRuntime({ env: { QUEUE_DRIVER: 'bullmq', REDIS_URL } });
    try {
      const res = await request(rt.handler).get('/admin/queues/api/queues').set('Authorization', BEARER);
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('queue_not_open');
    } finally {
      await rt.close();
    }
  });
});
