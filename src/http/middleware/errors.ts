import type { Middleware } from 'koa';
import type { Logger } from '../../shared/logger';
import { AppError } from '../../shared/errors';

/**
 * The only place errors become responses: `{"error":{"code","message","details"}}`.
 * An AppError keeps its status and message; anything else is a bug, logged in full and answered
 * with a generic 500 so internals never leak.
 */
export function errorMiddleware(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      if (err instanceof AppError) {
        ctx.status = err.status;
        ctx.body = { error: { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) } };
        if (err.status >= 500) logger.error({ err, path: ctx.path }, 'request failed');
        return;
      }
      logger.error({ err, path: ctx.path, method: ctx.method }, 'unexpected error');
      ctx.status = 500;
      ctx.body = { error: { code: 'internal_error', message: 'internal error' } };
    }
  };
}
