import type Router from '@koa/router';
import { readWeChatJson } from './body';
import type { Emulator } from './context';
import { EmulatorError } from './contract';

/**
 * §4.1 token endpoints. Checks run in WeChat's order: grant_type, appid, secret. A missing appid
 * or secret answers like a wrong one (40013/40125), the codes the protocol doc lists.
 */
function checkCredentials(emu: Emulator, grantType: unknown, appId: unknown, secret: unknown): string {
  if (grantType !== 'client_credential') throw new EmulatorError(40002, 'invalid grant_type');
  const account = typeof appId === 'string' ? emu.account(appId) : undefined;
  if (!account) throw new EmulatorError(40013, 'invalid appid');
  if (secret !== account.secret) throw new EmulatorError(40125, 'invalid appsecret');
  return account.appId;
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function registerTokenRoutes(router: Router, emu: Emulator): void {
  router.get('/cgi-bin/token', (ctx) => {
    const appId = checkCredentials(emu, first(ctx.query.grant_type), first(ctx.query.appid), first(ctx.query.secret));
    ctx.body = emu.tokens.issueClassic(appId);
  });

  // JSON body only: the same fields as query parameters are not read (§4.1 "POST JSON only").
  router.post('/cgi-bin/stable_token', async (ctx) => {
    const body = await readWeChatJson(ctx);
    const appId = checkCredentials(emu, body.grant_type, body.appid, body.secret);
    if (body.force_refresh !== undefined && typeof body.force_refresh !== 'boolean') throw new EmulatorError(47001, 'data format error');
    ctx.body = emu.tokens.issueStable(appId, body.force_refresh === true);
  });
}
