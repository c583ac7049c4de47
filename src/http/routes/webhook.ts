import Router from '@koa/router';
import type { Context } from 'koa';
import { AppError } from '../../shared/errors';
import type { WebhookRequest, WebhookResponse, WebhookService } from '../../modules/webhook';
import type { Metrics } from '../metrics';
import { readTextBody } from '../body';

interface Deps {
  webhook: WebhookService;
  metrics: Metrics;
  bodyLimitBytes: number;
}

/** `/wechat/:appId`: the URL configured in the MP console. WeChat expects plain text or XML back. */
export function webhookRouter({ webhook, metrics, bodyLimitBytes }: Deps): Router {
  const router = new Router();
  const handle = (work: (req: WebhookRequest) => Promise<WebhookResponse>, withBody: boolean) => async (ctx: Context) => {
    const started = process.hrtime.bigint();
    const appId = ctx.params.appId ?? '';
    try {
      const req: WebhookRequest = { appId, query: flatQuery(ctx.query), body: withBody ? await readTextBody(ctx, bodyLimitBytes) : '', remoteIp: ctx.ip };
      const res = await work(req);
      ctx.type = res.contentType;
      ctx.body = res.body;
    } catch (err) {
      // Refused callbacks are counted here; an unknown appId is folded into one label so probing
      // random ids cannot blow up the metric's cardinality.
      const label = err instanceof AppError && err.status === 404 ? 'unknown' : appId;
      metrics.request(label, 'invalid', 'rejected', Number(process.hrtime.bigint() - started) / 1e9);
      throw err;
    }
  };
  router.get('/wechat/:appId', handle((req) => webhook.verify(req), false));
  router.post('/wechat/:appId', handle((req) => webhook.receive(req), true));
  return router;
}

function flatQuery(query: Context['query']): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(query)) out[k] = Array.isArray(v) ? v[0] : v;
  return out;
}
