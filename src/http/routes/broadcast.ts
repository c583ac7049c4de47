import Router from '@koa/router';
import type { Context } from 'koa';
import { campaignStates, type BroadcastService, type CampaignState } from '../../modules/broadcast';
import { ValidationError } from '../../shared/errors';
import { readJsonBody } from '../body';
import { principalOf, requireCapability } from '../middleware/auth';

/**
 * `/api/v1/accounts/:appId/campaigns`: mass sends (群发).
 *   POST   /                 create a draft {name, content, audience}
 *   GET    /                 list (?state=&since=&until=, ISO instants or YYYY-MM-DD)
 *   GET    /cadence          days since the last push (warning at 3, alert at 7)
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
    const { state, since, until } = ctx.query;
    ctx.body = { items: await broadcast.list({ appId: appIdOf(ctx), state: stateOf(state), since: instantOf(since, 'since'), until: instantOf(until, 'until') }) };
  });
  router.get('/cadence', read, async (ctx) => {
    ctx.body = await broadcast.cadence(appIdOf(ctx));
  });
  router.get('/slots', read, async (ctx) => {
    ctx.body = { slots: broadcast.slots() };
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

function stateOf(value: unknown): CampaignState | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (campaignStates as readonly string[]).includes(value)) return value as CampaignState;
  throw new ValidationError(`state must be one of: ${campaignStates.join(', ')}`);
}

/** ISO instant or a date (taken as 00:00 UTC); stored times are ISO instants, compared as text. */
function instantOf(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  const time = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}(T.*)?$/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) throw new ValidationError(`${name} must be an ISO date or instant`);
  return new Date(time).toISOString();
}
