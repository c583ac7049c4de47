import Router from '@koa/router';
import type { HousekeepingService } from '../../modules/housekeeping';
import { ValidationError } from '../../shared/errors';
import { requireCapability } from '../middleware/auth';

/** `GET /api/v1/reminders[?appId=&limit=]`: reminders given to the team (certification expiry), newest first. */
export function remindersRouter(housekeeping: HousekeepingService): Router {
  const router = new Router({ prefix: '/api/v1/reminders' });
  router.get('/', requireCapability('accounts:read'), async (ctx) => {
    const { appId, limit } = ctx.query;
    if (appId !== undefined && typeof appId !== 'string') throw new ValidationError('appId must be given once');
    const n = limit === undefined ? undefined : Number(limit);
    if (n !== undefined && (!Number.isInteger(n) || n < 1 || n > 1000)) throw new ValidationError('limit must be a whole number from 1 to 1000');
    ctx.body = { items: await housekeeping.list({ appId, limit: n }) };
  });
  return router;
}
