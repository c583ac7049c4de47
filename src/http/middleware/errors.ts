import type { Middleware } from 'koa';
import type { Logger } from '../../shared/logger';
import { AppError } from '../../shared/errors';

export interface ErrorResponse {
  status: number;
  body: { error: { code: string; message: string; details?: unknown } };
}

/**
 * The only place errors become responses: `{"error":{"code","message","details"}}`.
 * An AppError keeps its status and message; anything else is a bug, logged in full and answered
 * with a generic 500 so internals never leak.
 */
export function toErrorResponse(err: unknown, logger: Logger, where: { method?: string; path: string }): ErrorResponse {
  if (err instanceof AppError) {
    if (err.status >= 500) logger.error({ err, ...where }, 'request failed');
    const details = err.details === undefined ? {} : { details: err.details };
    return { status: err.status, body: { error: { code: err.code, message: err.message, ...details } } };
  }
  logger.error({ err, ...where }, 'unexpected error');
  return { status: 500, body: { error: { code: 'internal_error', message: 'internal error' } } };
}

export function errorMiddleware(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      const { status, body } = toErrorResponse(err, logger, { method: ctx.method, path: ctx.path });
      ctx.status = status;
      ctx.body = body;
    }
  };
}
