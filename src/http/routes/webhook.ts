import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../shared/logger';
import { AppError } from '../../shared/errors';
import type { WebhookRequest, WebhookResponse, WebhookService } from '../../modules/webhook';
import type { Metrics } from '../metrics';
import { readTextBody } from '../body';
import { parseQuery } from '../query';
import { toErrorResponse } from '../middleware/errors';

interface Deps {
  webhook: WebhookService;
  metrics: Metrics;
  logger: Logger;
  bodyLimitBytes: number;
  /** Take the client IP from X-Forwarded-For (behind a reverse proxy). */
  proxy: boolean;
}

const ROUTE = /^\/wechat\/([^/?]+)\/?(?:\?|$)/;
const CONTENT_TYPES = { 'text/plain': 'text/plain; charset=utf-8', 'application/xml': 'application/xml; charset=utf-8' } as const;

export type WebhookListener = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * `/wechat/:appId`, the URL configured in the MP console, served straight from Node's http
 * request: it is the one hot path, and Koa's context, middleware chain and response handling cost
 * about a third of its throughput (bench/RESULTS.md). Returns false for any other path, which the
 * caller hands to the Koa app. Errors get the same JSON shape as the admin API.
 */
export function webhookListener(deps: Deps): WebhookListener {
  return (req, res) => {
    const match = ROUTE.exec(req.url ?? '');
    if (!match) return false;
    let appId: string;
    try {
      appId = decodeURIComponent(match[1]!);
    } catch {
      appId = match[1]!;
    }
    if (req.method === 'POST') void handle(deps, req, res, appId, (r) => deps.webhook.receive(r), true);
    else if (req.method === 'GET' || req.method === 'HEAD') void handle(deps, req, res, appId, (r) => deps.webhook.verify(r), false);
    else {
      res.writeHead(405, { Allow: 'GET, HEAD, POST' }).end();
    }
    return true;
  };
}

async function handle(deps: Deps, req: IncomingMessage, res: ServerResponse, appId: string, work: (r: WebhookRequest) => Promise<WebhookResponse>, withBody: boolean): Promise<void> {
  const started = process.hrtime.bigint();
  try {
    const url = req.url ?? '';
    const q = url.indexOf('?');
    const query = q === -1 ? {} : parseQuery(url.slice(q + 1));
    const body = withBody ? await readTextBody(req, deps.bodyLimitBytes) : '';
    // The client IP is only read for a security log line.
    const webhookRequest: WebhookRequest = { appId, query, body, get remoteIp() { return clientIp(req, deps.proxy); } };
    const answer = await work(webhookRequest);
    res.writeHead(200, { 'Content-Type': CONTENT_TYPES[answer.contentType], 'Content-Length': Buffer.byteLength(answer.body) });
    res.end(req.method === 'HEAD' ? undefined : answer.body);
  } catch (err) {
    // An unknown appId is folded into one label so probing random ids cannot blow up the metric's cardinality.
    const label = err instanceof AppError && err.status === 404 ? 'unknown' : appId;
    deps.metrics.request(label, 'invalid', 'rejected', Number(process.hrtime.bigint() - started) / 1e9);
    const { status, body } = toErrorResponse(err, deps.logger, { method: req.method, path: `/wechat/${appId}` });
    const json = JSON.stringify(body);
    if (!res.headersSent) res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(json) });
    res.end(json);
  }
}

function clientIp(req: IncomingMessage, proxy: boolean): string | undefined {
  const forwarded = proxy ? req.headers['x-forwarded-for'] : undefined;
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return first || req.socket.remoteAddress;
}
