import { randomBytes } from 'node:crypto';
import type { Context, Next } from 'koa';
import { EmulatorError } from './contract';

/**
 * How WeChat answers a failed API call: HTTP 200 and `{errcode, errmsg}` where the message ends in
 * ` rid: <request id>` (§ conventions). Clients must match on errcode only, so the random rid also
 * keeps anyone from matching on errmsg against the emulator.
 */
export function renderWeChatError(ctx: Context, err: EmulatorError): void {
  ctx.status = 200;
  ctx.type = 'application/json';
  ctx.body = { errcode: err.errcode, errmsg: `${err.errmsg} rid: ${rid()}`, ...err.extra };
}

export function rid(): string {
  return `${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`;
}

/**
 * Problems with the emulator's own control API (/__emulator/*): not WeChat's business, so these
 * are plain HTTP errors, `{"error": {"code", "message"}}`.
 */
export class ControlError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

/**
 * EmulatorError → WeChat's JSON; ControlError → its status; anything else is an emulator bug and
 * answers errcode -1 "system error", which is what WeChat says when its side breaks.
 */
export async function errorMiddleware(ctx: Context, next: Next): Promise<void> {
  try {
    await next();
  } catch (err) {
    if (err instanceof EmulatorError) return renderWeChatError(ctx, err);
    if (err instanceof ControlError) {
      ctx.status = err.status;
      ctx.body = { error: { code: err.code, message: err.message } };
      return;
    }
    ctx.app.emit('error', err, ctx);
    renderWeChatError(ctx, new EmulatorError(-1, 'system error'));
  }
}

/**
 * Unknown paths: real api.weixin.qq.com answers 404 for paths it does not serve at all, which is
 * what an SDK calling a misspelt endpoint sees. The body says so, for whoever reads it.
 */
export function notFound(ctx: Context): void {
  ctx.status = 404;
  ctx.type = 'application/json';
  ctx.body = { errcode: -1, errmsg: `the emulator does not serve ${ctx.method} ${ctx.path} rid: ${rid()}` };
}
