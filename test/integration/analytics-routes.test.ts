import Koa from 'koa';
import request from 'supertest';
import { analyticsRouter } from '../../src/http/routes/analytics';
import { errorMiddleware } from '../../src/http/middleware/errors';
import { silentLogger } from '../../src/shared/logger';
import { APP, serviceWith } from '../unit/modules/analytics/fake-datacube';

/** The routes on a bare Koa app; the principal is set as requireAdmin would set it. Yesterday is 2024-03-19. */
function appWith(principal: { role: string } | null = { role: 'admin' }) {
  const setup = serviceWith();
  const app = new Koa();
  app.silent = true;
  app.use(errorMiddleware(silentLogger));
  app.use(async (ctx, next) => {
    if (principal) ctx.state.principal = { tokenId: 't', name: 'test', ...principal };
    await next();
  });
  const router = analyticsRouter(setup.service);
  app.use(router.routes()).use(router.allowedMethods());
  return { ...setup, http: request(app.callback()) };
}

const base = `/api/v1/accounts/${APP}/analytics`;

describe('analytics routes', () => {
  it('when a backfill is posted, then it answers the calls made; a day outside it shows as a gap until repaired', async () => {
    const { http } = appWith();
    const res = await http.post(`${base}/backfill`).send({ since: '2024-03-13', until: '2024-03-19' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ calls: 1 + 1 + 7 + 7 + 3 + 1 + 1, daysStored: 49 });
    const gaps = await http.get(`${base}/gaps?since=2024-03-12&until=2024-03-19`);
    expect(gaps.body).toMatchObject({ total: 7, missing: expect.arrayContaining([expect.objectContaining({ metric: 'userSummary', dates: ['2024-03-12'] })]) });
    const repaired = await http.post(`${base}/gaps/repair`).send({ since: '2024-03-12', until: '2024-03-19' });
    expect(repaired.body).toMatchObject({ gapsBefore: 7, daysStored: 7 });
  });

  it('when input is bad, then the answer is 400 with a clear message and no call is made', async () => {
    const { http, cube } = appWith();
    const cases: [request.Test, RegExp][] = [
      [http.post(`${base}/backfill`).send({ since: '2024-03-01', until: '2024-03-20' }), /later than yesterday/],
      [http.post(`${base}/backfill`).send({ since: '2024-3-1', until: '2024-03-02' }), /YYYY-MM-DD/],
      [http.post(`${base}/backfill`).send({ since: '2024-03-01', until: '2024-03-02', force: 'yes' }), /force must be true or false/],
      [http.post(`${base}/backfill`).set('content-type', 'application/json').send('[1]'), /JSON object/],
      [http.get(`${base}/reports/followers?since=2024-03-02&until=2024-03-01`), /before since/],
      [http.get(`${base}/reports/followers?since=2024-03-01&until=2024-03-02&format=xml`), /format must be json or csv/],
      [http.get(`${base}/reports/monthly?month=March`), /month must be YYYY-MM/],
      [http.get(`${base}/reports/weekly`), /week must be/],
    ];
    for (const [pending, message] of cases) {
      const res = await pending;
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'validation_failed', message: expect.stringMatching(message) });
    }
    expect(cube.calls).toHaveLength(0);
  });

  it('when a report is asked for as CSV, then it is text/csv with CRLF lines and a file name; as JSON it is the report', async () => {
    const { http } = appWith();
    await http.post(`${base}/backfill`).send({ since: '2024-03-04', until: '2024-03-10' }).expect(200);
    const csv = await http.get(`${base}/reports/weekly?week=2024-03-04&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="weekly-${APP}-2024-03-04_2024-03-10.csv"`);
    const lines = csv.text.split('\r\n');
    expect(lines[0]).toBe('date,newFollowers,cancelledFollowers,netFollowers,cumulativeFollowers,reads,readers,shares,favourites,messages');
    expect(lines[1]).toBe('2024-03-04,5,1,4,104,40,20,3,2,6');
    expect(lines[8]).toBe('total,35,7,28,110,280,,21,14,42');
    const json = await http.get(`${base}/reports/monthly?month=2024-03`);
    expect(json.body.period).toEqual({ kind: 'month', label: '2024-03', since: '2024-03-01', until: '2024-03-19' });
    for (const name of ['followers', 'articles', 'messages']) {
      expect((await http.get(`${base}/reports/${name}?since=2024-03-04&until=2024-03-10&format=csv`)).headers['content-type']).toBe('text/csv; charset=utf-8');
    }
  });

  it('when there is no principal, then the answer is 401', async () => {
    const { http } = appWith(null);
    expect((await http.get(`${base}/gaps?since=2024-03-01&until=2024-03-02`)).status).toBe(401);
  });
});
