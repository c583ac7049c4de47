import Router from '@koa/router';
import type { Context } from 'koa';
import { campaignStates, type BroadcastService } from '../../modules/broadcast';
import { QueryParams } from '../../shared/query-params';
import { readJsonBody } from '../body';
import { principalOf, requireCapability } from '../middleware/auth';

/**
 * `/api/v1/accounts/:appId/campaigns`: mass sends (群发).
 *   POST   /                 create a draft {name, content, audience}
 *   GET    /                 list (?state=&since=&until=, ISO instants or YYYY-MM-DD)
 *   GET    /cadence          days since the last push (warning and alert at the account's marks, 3 and 7 days by default)
 *   GET    /slots            the account's send slots
 *   GET    /:id              one campaign, with its results once WeChat reports them
 *   PATCH  /:id              edit a draft (voids the preview)
 *   POST   /:id/preview      {openids?, wechatIds?} → testers' phones
 *   POST   /:id/confirm      the supervisor's confirmation of the preview
 *   POST   /:id/schedule     {slot, date} or {at}
 *   POST   /:id/cancel
 */
export function broadcastRouter(broadcast: BroadcastService): Router {
  const router = new Router({ prefix: '/api/v1/accounts/:appId/campaigns' });
  const read = requireCapability('broadcast:read');
  const write = requireCapability('broadcast:write');
  const approve = requireCapability('broadcast:approve');
  const appIdOf = (ctx: Context) => (ctx.params as Record<string, string>).appId ?? '';
  const idOf = (ctx: Context) => (ctx.params as Record<string, string>).id ?? '';
  const who = (ctx: Context) => principalOf(ctx)?.name ?? 'unknown';

  router.post('/', write, async (ctx) => {
    ctx.body = await broadcast.create(appIdOf(ctx), await readJsonBody(ctx), who(ctx));
    ctx.status = 201;
  });
  router.get('/', read, async (ctx) => {
    const q = new QueryParams(ctx.query);
    const query = { appId: appIdOf(ctx), state: q.oneOf('state', campaignStates), since: q.time('since'), until: q.time('until') };
    q.done('campaign query');
    ctx.body = { items: await broadcast.list(query) };
  });
  router.get('/cadence', read, async (ctx) => {
    ctx.body = await broadcast.cadence(appIdOf(ctx));
  });
  router.get('/slots', read, async (ctx) => {
    ctx.body = await broadcast.slots(appIdOf(ctx));
  });
  router.get('/:id', read, async (ctx) => {
    ctx.body = await broadcast.get(appIdOf(ctx), idOf(ctx));
  });
  router.patch('/:id', write, async (ctx) => {
    ctx.body = await broadcast.update(appIdOf(ctx), idOf(ctx), await readJsonBody(ctx));
  });
  router.post('/:id/preview', write, async (ctx) => {
    ctx.body = await broadcast.preview(appIdOf(ctx), idOf(ctx), await readJsonBody(ctx));
  });
  router.post('/:id/confirm', approve, async (ctx) => {
    ctx.body = await broadcast.confirm(appIdOf(ctx), idOf(ctx), who(ctx));
  });
  router.post('/:id/schedule', write, async (ctx) => {
    ctx.body = await broadcast.schedule(appIdOf(ctx), idOf(ctx), await readJsonBody(ctx));
  });
  router.post('/:id/cancel', write, async (ctx) => {
    ctx.body = await broadcast.cancel(appIdOf(ctx), idOf(ctx));
  });
  return router;
}
