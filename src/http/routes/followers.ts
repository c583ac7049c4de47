import Router from '@koa/router';
import { parseFollowerQuery, type FollowerService } from '../../modules/followers';
import { QueryParams } from '../../shared/query-params';
import { requireCapability } from '../middleware/auth';

/**
 * `/api/v1/accounts/:appId/followers`: the account's followers as last synced and kept by events.
 *   GET  /            ?subscribed=true|false&tagId=&qrScene=&cursor=&limit= (openid order; nextCursor pages on)
 *   GET  /channels    ?since&until: followers gained and lost per subscribe scene and QR scene
 *   POST /sync        a full sync now (user/get + batchget); joins one already running
 */
export function followersRouter(followers: FollowerService): Router {
  const router = new Router({ prefix: '/api/v1/accounts/:appId/followers' });
  const read = requireCapability('accounts:read');
  const write = requireCapability('accounts:write');
  const appIdOf = (ctx: { params: Record<string, string | undefined> }) => ctx.params.appId ?? '';

  router.get('/', read, async (ctx) => {
    ctx.body = await followers.list(parseFollowerQuery(appIdOf(ctx), ctx.query));
  });

  router.get('/channels', read, async (ctx) => {
    const q = new QueryParams(ctx.query);
    const [since, until] = [q.time('since'), q.time('until')];
    q.done('channel report query');
    ctx.body = await followers.channels(appIdOf(ctx), since, until);
  });

  router.post('/sync', write, async (ctx) => {
    ctx.body = await followers.sync(appIdOf(ctx));
  });

  return router;
}
