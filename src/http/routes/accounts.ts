import Router from '@koa/router';
import type { AccountService } from '../../modules/accounts';
import { ValidationError } from '../../shared/errors';
import { readJsonBody } from '../body';
import { requireCapability } from '../middleware/auth';

/**
 * `/api/v1/accounts`: register and manage official accounts. Responses carry the public view only;
 * secrets go in and never come back out. requireAdmin is mounted in front by the app.
 */
export function accountsRouter(accounts: AccountService): Router {
  const router = new Router({ prefix: '/api/v1/accounts' });
  const read = requireCapability('accounts:read');
  const write = requireCapability('accounts:write');

  router.post('/', write, async (ctx) => {
    const created = await accounts.create(await readObject(ctx));
    ctx.status = 201;
    ctx.set('Location', `/api/v1/accounts/${encodeURIComponent(created.appId)}`);
    ctx.body = created;
  });

  router.get('/', read, async (ctx) => {
    ctx.body = { items: await accounts.list() };
  });

  router.get('/:appId', read, async (ctx) => {
    ctx.body = await accounts.get(ctx.params.appId ?? '');
  });

  router.patch('/:appId', write, async (ctx) => {
    ctx.body = await accounts.update(ctx.params.appId ?? '', await readObject(ctx));
  });

  router.delete('/:appId', write, async (ctx) => {
    await accounts.remove(ctx.params.appId ?? '');
    ctx.status = 204;
  });

  return router;
}

/** The accounts API takes one JSON object; an array, string or number is a 400 here, not deeper down. */
async function readObject(ctx: Parameters<typeof readJsonBody>[0]): Promise<Record<string, unknown>> {
  const body = await readJsonBody(ctx);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationError('the body must be a JSON object', [{ field: '(input)', message: 'must be a JSON object' }]);
  }
  return body as Record<string, unknown>;
}
