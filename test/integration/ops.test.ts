import request from 'supertest';
import { startTestRuntime } from '../helpers/runtime';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('operations endpoints', () => {
  it('when everything is up, then /healthz and /readyz answer 200 and /metrics is Prometheus text', async () => {
    const rt = await startTestRuntime({ env: { REDIS_URL } });
    try {
      const app = rt.handler;
      expect((await request(app).get('/healthz')).body).toEqual({ status: 'ok' });
      const ready = await request(app).get('/readyz');
      expect(ready.status).toBe(200);
      expect(ready.body.checks).toEqual({ store: 'ok', redis: 'ok' });
      const metrics = await request(app).get('/metrics');
      expect(metrics.headers['content-type']).toMatch(/text\/plain/);
      expect(metrics.text).toContain('# TYPE wxoa_webhook_requests_total counter');
      expect(metrics.text).toContain('# TYPE wxoa_webhook_duration_seconds histogram');
    } finally {
      await rt.close();
    }
  });

  it('when the store is closed, then /readyz answers 503 and names it', async () => {
    const rt = await startTestRuntime();
    await rt.store.close();
    const ready = await request(rt.handler).get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.checks.store).not.toBe('ok');
  });

  it('when a route does not exist, then 404 in the error shape', async () => {
    const rt = await startTestRuntime();
    try {
      const res = await request(rt.handler).get('/nope');
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    } finally {
      await rt.close();
    }
  });
});
