import Router from '@koa/router';
import type { Context } from 'koa';
import { articlesCsv, followersCsv, messagesCsv, periodCsv, type AnalyticsService } from '../../modules/analytics';
import { ValidationError } from '../../shared/errors';
import { readJsonBody } from '../body';
import { requireCapability } from '../middleware/auth';

/**
 * `/api/v1/accounts/:appId/analytics`: datacube figures of an account (dates are WeChat's, Asia/Shanghai).
 *   POST /backfill                {since, until, force?}: fetch a range into the store, in legal windows
 *   GET  /gaps                    ?since&until: (metric, day) pairs never fetched
 *   POST /gaps/repair             {since, until}: fetch exactly those
 *   GET  /reports/followers       ?since&until (&format=csv)
 *   GET  /reports/articles        ?since&until (&format=csv)
 *   GET  /reports/messages        ?since&until (&format=csv)
 *   GET  /reports/weekly          ?week=YYYY-MM-DD (&format=csv)
 *   GET  /reports/monthly         ?month=YYYY-MM (&format=csv)
 */
export function analyticsRouter(service: AnalyticsService): Router {
  const router = new Router({ prefix: '/api/v1/accounts/:appId/analytics' });
  const read = requireCapability('accounts:read');
  const write = requireCapability('accounts:write');
  const appIdOf = (ctx: { params: Record<string, string | undefined> }) => ctx.params.appId ?? '';

  router.post('/backfill', write, async (ctx) => {
    const body = objectBody(await readJsonBody(ctx));
    if (body.force !== undefined && typeof body.force !== 'boolean') throw new ValidationError('force must be true or false', [{ field: 'force', message: 'must be a boolean' }]);
    ctx.body = await service.backfill(appIdOf(ctx), body.since, body.until, { force: body.force === true });
  });

  router.get('/gaps', read, async (ctx) => {
    ctx.body = await service.gaps(appIdOf(ctx), ctx.query.since, ctx.query.until);
  });

  router.post('/gaps/repair', write, async (ctx) => {
    const body = objectBody(await readJsonBody(ctx));
    ctx.body = await service.repairGaps(appIdOf(ctx), body.since, body.until);
  });

  router.get('/reports/followers', read, async (ctx) => {
    respond(ctx, await service.followerGrowth(appIdOf(ctx), ctx.query.since, ctx.query.until), followersCsv, 'followers');
  });

  router.get('/reports/articles', read, async (ctx) => {
    respond(ctx, await service.articles(appIdOf(ctx), ctx.query.since, ctx.query.until), articlesCsv, 'articles');
  });

  router.get('/reports/messages', read, async (ctx) => {
    respond(ctx, await service.messages(appIdOf(ctx), ctx.query.since, ctx.query.until), messagesCsv, 'messages');
  });

  router.get('/reports/weekly', read, async (ctx) => {
    respond(ctx, await service.weekly(appIdOf(ctx), ctx.query.week), periodCsv, 'weekly');
  });

  router.get('/reports/monthly', read, async (ctx) => {
    respond(ctx, await service.monthly(appIdOf(ctx), ctx.query.month), periodCsv, 'monthly');
  });

  return router;
}

function objectBody(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new ValidationError('the body must be a JSON object such as {"since":"2025-01-01","until":"2025-01-31"}');
  return body as Record<string, unknown>;
}

/** JSON by default; `?format=csv` gives text/csv (RFC 4180) as a download named after the report and its range. */
function respond<T extends { since?: string; until?: string; period?: { since: string; until: string } }>(ctx: Context, report: T, csv: (r: T) => string, name: string): void {
  const format = ctx.query.format ?? 'json';
  if (format === 'json') {
    ctx.body = report;
    return;
  }
  if (format !== 'csv') throw new ValidationError(`format must be json or csv (got ${JSON.stringify(format)})`, [{ field: 'format', message: 'must be json or csv' }]);
  const range = report.period ?? report;
  ctx.type = 'text/csv; charset=utf-8';
  ctx.set('Content-Disposition', `attachment; filename="${name}-${(ctx.params.appId ?? '').replace(/[^A-Za-z0-9_-]/g, '_')}-${range.since}_${range.until}.csv"`);
  ctx.body = csv(report);
}
