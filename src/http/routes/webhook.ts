import type { Context, Middleware } from 'koa';
import { AppError } from '../../shared/errors';
import type { WebhookRequest, WebhookResponse, WebhookService } from '../../modules/webhook';
import type { Metrics } from '../metrics';
import { readTextBody } from '../body';

interface Deps {
  webhook: WebhookService;
  metrics: Metrics;
  bodyLimitBytes: number;
}

const ROUTE = /^\/wechat\/([^/]+)\/?$/;
const CONTENT_TYPES = { 'text/plain': 'text/plain; charset=utf-8', 'application/xml': 'application/xml; charset=utf-8' } as const;

/**
 * `/wechat/:appId`: the URL configured in the MP console. WeChat expects plain text or XML back.
 * Matched by hand ahead of the routers: it is the one hot path, and a router pass plus Koa's
 * query-string parser cost more than the protocol work itself (bench/RESULTS.md).
 */
export function webhookMiddleware({ webhook, metrics, bodyLimitBytes }: Deps): Middleware {
  const handle = async (ctx: Context, appId: string, work: (req: WebhookRequest) => Promise<WebhookResponse>, withBody: boolean) => {
    const started = process.hrtime.bigint();
    try {
      const query = Object.fromEntries(new URLSearchParams(ctx.querystring));
      const body = withBody ? await readTextBody(ctx, bodyLimitBytes) : '';
      // The client IP is only read for a security log line; Koa computes it on every access.
      const req: WebhookRequest = { appId, query, body, get remoteIp() { return ctx.ip; } };
      const res = await work(req);
      ctx.set('Content-Type', CONTENT_TYPES[res.contentType]); // set directly: ctx.type runs a MIME lookup per call
      ctx.body = res.body;
    } catch (err) {
      // Refused callbacks are counted here; an unknown appId is folded into one label so probing
      // random ids cannot blow up the metric's cardinality.
      const label = err instanceof AppError && err.status === 404 ? 'unknown' : appId;
      metrics.request(label, 'invalid', 'rejected', Number(process.hrtime.bigint() - started) / 1e9);
      throw err;
    }
  };
  return async (ctx, next) => {
    const match = ROUTE.exec(ctx.path);
    if (!match) return next();
    const appId = decodeURIComponent(match[1]!);
    if (ctx.method === 'POST') return handle(ctx, appId, (req) => webhook.receive(req), true);
    if (ctx.method === 'GET' || ctx.method === 'HEAD') return handle(ctx, appId, (req) => webhook.verify(req), false);
    ctx.status = 405;
    ctx.set('Allow', 'GET, HEAD, POST');
  };
}
