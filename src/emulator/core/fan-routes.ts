import type Router from '@koa/router';
import { readControlJson } from './body';
import type { Emulator } from './context';
import { ControlError } from './errors';
import { parseAction } from './follower-input';
import { simulate } from './simulated-follower';

const MAX_SEED = 100_000;

/** Control routes for followers: seeding, reading one, the simulated follower acting, and their phone's inbox. */
export function registerFanRoutes(router: Router, emu: Emulator): void {
  router.post('/__emulator/accounts/:appId/fans', async (ctx) => {
    const { appId } = emu.requireAccount(ctx.params.appId!);
    const { count, prefix, tagIds } = await readControlJson(ctx);
    if (!Number.isInteger(count) || (count as number) < 1 || (count as number) > MAX_SEED) {
      throw new ControlError(400, 'invalid_seed', `count must be an integer from 1 to ${MAX_SEED}`);
    }
    if (prefix !== undefined && (typeof prefix !== 'string' || !/^[A-Za-z0-9_-]{1,20}$/.test(prefix))) {
      throw new ControlError(400, 'invalid_seed', 'prefix must be 1–20 characters from [A-Za-z0-9_-]');
    }
    if (tagIds !== undefined && (!Array.isArray(tagIds) || !tagIds.every((t) => Number.isInteger(t)))) {
      throw new ControlError(400, 'invalid_seed', 'tagIds must be an array of integers');
    }
    const seeded = emu.fans.seed(appId, count as number, { prefix: prefix as string | undefined, tagIds: tagIds as number[] | undefined });
    ctx.status = 201;
    ctx.body = { count: seeded.length, openids: seeded.map((f) => f.openid) };
  });

  router.get('/__emulator/accounts/:appId/fans', (ctx) => {
    const { appId } = emu.requireAccount(ctx.params.appId!);
    ctx.body = { followers: [...emu.followers(appId).values()] };
  });

  router.get('/__emulator/accounts/:appId/fans/:openid', (ctx) => {
    const { appId } = emu.requireAccount(ctx.params.appId!);
    const follower = emu.followers(appId).get(ctx.params.openid!);
    if (!follower) throw new ControlError(404, 'fan_not_found', `${ctx.params.openid} has never followed ${appId}`);
    ctx.body = follower;
  });

  router.get('/__emulator/accounts/:appId/fans/:openid/inbox', (ctx) => {
    const { appId } = emu.requireAccount(ctx.params.appId!);
    ctx.body = { items: emu.inbox(appId, ctx.params.openid!) };
  });

  // The simulated follower acts; the answer says what WeChat did with our webhook's reply.
  router.post('/__emulator/accounts/:appId/fans/:openid/messages', async (ctx) => {
    const account = emu.requireAccount(ctx.params.appId!);
    const action = parseAction(await readControlJson(ctx));
    ctx.body = await simulate(emu, account, ctx.params.openid!, action);
  });
}
