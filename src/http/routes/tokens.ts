import Router from '@koa/router';
import type { AdminAccessService } from '../../modules/admin-access';
import { readJsonBody } from '../body';
import { requireCapability } from '../middleware/auth';

/**
 * Admin API tokens for the team (tokens:admin):
 *   POST   /api/v1/tokens        {name, role}  → the token, shown this once (201)
 *   GET    /api/v1/tokens                      → every token, without secrets
 *   DELETE /api/v1/tokens/:id                  → revoked at once (204)
 * Roles: admin, supervisor (主管), editor (编辑/文案), agent (customer service; its name is the agent id).
 */
export function tokensRouter(access: AdminAccessService): Router {
  const router = new Router({ prefix: '/api/v1/tokens' });
  const admin = requireCapability('tokens:admin');
  router.post('/', admin, async (ctx) => {
    ctx.body = await access.issue((await readJsonBody(ctx)) as { name?: unknown; role?: unknown });
    ctx.status = 201;
  });
  router.get('/', admin, async (ctx) => {
    ctx.body = { items: await access.list() };
  });
  router.delete('/:id', admin, async (ctx) => {
    await access.revoke((ctx.params as Record<string, string>).id ?? '');
    ctx.status = 204;
  });
  return router;
}
