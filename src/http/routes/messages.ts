import Router from '@koa/router';
import { parseMessageQuery, type MessageLog } from '../../modules/messages';
import type { AccountService } from '../../modules/accounts';
import { requireCapability } from '../middleware/auth';

/** `GET /api/v1/accounts/:appId/messages`: the message log, newest first, cursor-paged. */
export function messagesRouter(deps: { messages: MessageLog; accounts: AccountService }): Router {
  const router = new Router({ prefix: '/api/v1/accounts' });
  router.get('/:appId/messages', requireCapability('messages:read'), async (ctx) => {
    const appId = ctx.params.appId ?? '';
    await deps.accounts.get(appId); // 404 for an unknown account rather than an empty page
    const query = parseMessageQuery(appId, ctx.query);
    await deps.messages.flush(); // what was just received is visible to the operator
    ctx.body = await deps.messages.list(query);
  });
  return router;
}
