import type { Context, Middleware } from 'koa';
import { can, type AdminAccessService, type Capability, type Principal } from '../../modules/admin-access';
import { AuthError, ForbiddenError } from '../../shared/errors';

/** Authenticates the bearer token and leaves the caller in `ctx.state.principal`. */
export function requireAdmin(access: AdminAccessService): Middleware {
  return async (ctx, next) => {
    try {
      ctx.state.principal = await access.authenticate(ctx.get('authorization') || undefined);
    } catch (err) {
      // RFC 6750: a 401 tells the client which scheme to use.
      if (err instanceof AuthError) ctx.set('WWW-Authenticate', 'Bearer realm="wxoa"');
      throw err;
    }
    await next();
  };
}

/** Refuses with 403 unless the authenticated principal's role grants the capability. */
export function requireCapability(capability: Capability): Middleware {
  return async (ctx, next) => {
    const principal = principalOf(ctx);
    // No principal means requireAdmin was not mounted in front: refuse rather than let it through.
    if (!principal) throw new AuthError();
    if (!can(principal, capability)) throw new ForbiddenError(`this token may not use ${capability}`);
    await next();
  };
}

export function principalOf(ctx: Context): Principal | undefined {
  return (ctx.state as { principal?: Principal }).principal;
}
