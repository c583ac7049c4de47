import Router from '@koa/router';
import type { MessageLog } from '../../modules/messages';
import type { MenuService } from '../../modules/menus';
import { ValidationError } from '../../shared/errors';
import { readJsonBody } from '../body';
import { requireCapability } from '../middleware/auth';

/**
 * `/api/v1/accounts/:appId/menus`: the custom menu of an account.
 *   GET|PUT /draft        the draft (PUT refuses an invalid one with every problem, 400)
 *   POST    /publish      to WeChat; ?force=true when buttons have no auto-reply rule (409 otherwise)
 *   GET     /live         menu/get + get_current_selfmenu_info
 *   DELETE  /live         menu/delete (default and conditional menus; the draft stays)
 *   GET     /diff         drift between the draft and the live menu
 *   GET     /stats        taps per button per day (?since=&until=, YYYY-MM-DD in the account's time zone)
 */
export function menusRouter(deps: { menus: MenuService; messages: MessageLog }): Router {
  const router = new Router({ prefix: '/api/v1/accounts/:appId/menus' });
  const read = requireCapability('menus:read');
  const write = requireCapability('menus:write');
  const appIdOf = (ctx: { params: Record<string, string | undefined> }) => ctx.params.appId ?? '';

  router.get('/draft', read, async (ctx) => {
    ctx.body = await deps.menus.getDraft(appIdOf(ctx));
  });

  router.put('/draft', write, async (ctx) => {
    ctx.body = await deps.menus.saveDraft(appIdOf(ctx), await readJsonBody(ctx));
  });

  router.post('/publish', write, async (ctx) => {
    ctx.body = await deps.menus.publish(appIdOf(ctx), { force: flag(ctx.query.force, 'force') });
  });

  router.get('/live', read, async (ctx) => {
    ctx.body = await deps.menus.live(appIdOf(ctx));
  });

  router.delete('/live', write, async (ctx) => {
    await deps.menus.deleteLive(appIdOf(ctx));
    ctx.status = 204;
  });

  router.get('/diff', read, async (ctx) => {
    ctx.body = await deps.menus.diff(appIdOf(ctx));
  });

  router.get('/stats', read, async (ctx) => {
    await deps.messages.flush(); // taps just received count too
    ctx.body = await deps.menus.stats(appIdOf(ctx), { since: ctx.query.since, until: ctx.query.until });
  });

  return router;
}

function flag(value: unknown, name: string): boolean {
  if (value === undefined || value === 'false') return false;
  if (value === 'true' || value === '') return true;
  throw new ValidationError(`${name} must be true or false`, [{ field: name, message: 'must be true or false' }]);
}
