import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { KoaAdapter } from '@bull-board/koa';
import type { Queue } from 'bullmq';
import type { Context, Middleware } from 'koa';
import type { AdminAccessService } from '../../modules/admin-access';
import { AppError, AuthError, NotFoundError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import { requireCapability } from '../middleware/auth';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';
const COOKIE = 'wxoa_queue_dashboard';
const COOKIE_MAX_AGE_MS = 8 * 60 * 60 * 1000;

/** Where the dashboard finds the BullMQ queue: the BullmqJobRunner, whose queue exists only while it runs. */
export interface QueueSource {
  readonly currentQueue: Queue | null;
}

export interface QueueDashboardDeps {
  /** Absent with QUEUE_DRIVER=local: there is no queue to show. */
  source?: QueueSource;
  adminAccess: AdminAccessService;
  logger: Logger;
}

/**
 * Bull Board at /admin/queues, for admins only: job counts by state, the job schedulers, each job with
 * its data, attempts and error. Read-only: retry, clean, empty, pause and scheduler edits answer 405,
 * because removing the wrong delayed job stops a schedule until the next restart re-registers it.
 *
 * Authentication. The JSON API takes `Authorization: Bearer`, but a browser cannot add that header
 * when it navigates to a page, so the dashboard also takes the token once in the URL:
 * `GET /admin/queues?token=<admin token>` checks it, stores it in an HttpOnly (no script can read it),
 * SameSite=Strict (no other site can make the browser send it: the CSRF guard), Path=/admin/queues
 * (the rest of the API never sees it) cookie, Secure when the request came over HTTPS, for 8 hours,
 * and redirects (303) to the same URL without the token, so it leaves the address bar and history and
 * is not sent on as a Referer. It still reaches the access logs of whatever proxy sits in front: use
 * it from the address bar on a trusted network, not in links. A link followed from another site lands
 * on a 401 once, as SameSite=Strict withholds the cookie from a redirect chain another site started;
 * reloading the page sends it. The header wins over the cookie; a rejected cookie is cleared.
 *
 * There is no queue capability yet (admin-access.ts owns that list): the dashboard asks for
 * `accounts:write`, the operator's capability, which today means the admin role.
 */
export function queueDashboard(deps: QueueDashboardDeps): Middleware {
  const requireOperator = requireCapability('accounts:write');
  const board = deps.source ? bullBoard(deps.logger) : null;

  return async (ctx, next) => {
    if (ctx.path !== QUEUE_DASHBOARD_PATH && !ctx.path.startsWith(`${QUEUE_DASHBOARD_PATH}/`)) return next();

    const queryToken = ctx.method === 'GET' ? ctx.query.token : undefined;
    if (queryToken !== undefined) {
      if (typeof queryToken !== 'string' || !queryToken) throw unauthorized(ctx, new AuthError('?token= must hold one admin token'));
      await authenticate(ctx, deps.adminAccess, `Bearer ${queryToken}`);
      ctx.cookies.set(COOKIE, encodeURIComponent(queryToken), {
        path: QUEUE_DASHBOARD_PATH, httpOnly: true, sameSite: 'strict', secure: ctx.secure, maxAge: COOKIE_MAX_AGE_MS, overwrite: true,
      });
      const rest = new URLSearchParams(ctx.querystring);
      rest.delete('token');
      const query = rest.toString();
      ctx.set('Cache-Control', 'no-store');
      ctx.set('Referrer-Policy', 'no-referrer');
      ctx.redirect(`${ctx.path}${query ? `?${query}` : ''}`);
      ctx.status = 303;
      return;
    }

    const header = ctx.get('authorization');
    const cookie = header ? undefined : ctx.cookies.get(COOKIE);
    if (cookie) {
      try {
        await authenticate(ctx, deps.adminAccess, `Bearer ${safeDecode(cookie)}`);
      } catch (err) {
        ctx.cookies.set(COOKIE, null, { path: QUEUE_DASHBOARD_PATH, httpOnly: true, sameSite: 'strict', secure: ctx.secure, overwrite: true });
        throw err;
      }
    } else {
      await authenticate(ctx, deps.adminAccess, header || undefined);
    }

    await requireOperator(ctx, async () => {
      if (!board || !deps.source) {
        throw new NotFoundError('no queue dashboard: QUEUE_DRIVER=local runs jobs on timers inside the server, there is no BullMQ queue to show (set QUEUE_DRIVER=bullmq)');
      }
      const queue = deps.source.currentQueue;
      if (!queue) throw new AppError('queue_not_open', 'the job queue is not open yet (the job runner starts after the server listens); try again in a moment', 503);
      board.show(queue);
      ctx.set('Cache-Control', 'no-store');
      ctx.set('X-Frame-Options', 'DENY');
      await board.middleware(ctx, next);
    });
  };
}

/** The Bull Board app, built once; the queue it shows follows the runner's (a stopped and restarted runner opens a new one). */
function bullBoard(logger: Logger): { middleware: Middleware; show(queue: Queue): void } {
  const adapter = new KoaAdapter();
  adapter.setBasePath(QUEUE_DASHBOARD_PATH);
  const { replaceQueues } = createBullBoard({ queues: [], serverAdapter: adapter, options: { uiConfig: { boardTitle: 'wxoa jobs' } } });
  // Bull Board's own handler puts the error message (and, in development, the stack) in the response.
  adapter.setErrorHandler((err) => {
    logger.error({ err, path: QUEUE_DASHBOARD_PATH }, 'queue dashboard failed');
    return { status: 500, body: { error: { code: 'internal_error', message: 'internal error' } } };
  });
  const middleware = adapter.registerPlugin() as Middleware;
  let shown: Queue | null = null;
  return {
    middleware,
    show(queue) {
      if (queue === shown) return;
      replaceQueues([new BullMQAdapter(queue, { readOnlyMode: true })]);
      shown = queue;
    },
  };
}

async function authenticate(ctx: Context, access: AdminAccessService, authorization: string | undefined): Promise<void> {
  try {
    ctx.state.principal = await access.authenticate(authorization);
  } catch (err) {
    throw err instanceof AuthError ? unauthorized(ctx, err) : err;
  }
}

/** RFC 6750, as requireAdmin does: a 401 names the scheme. */
function unauthorized(ctx: Context, err: AuthError): AuthError {
  if (err.status === 401) ctx.set('WWW-Authenticate', 'Bearer realm="wxoa"');
  return err;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
