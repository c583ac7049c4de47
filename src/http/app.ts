import type { IncomingMessage, ServerResponse } from 'node:http';
import Koa from 'koa';
import type { Logger } from '../shared/logger';
import { NotFoundError } from '../shared/errors';
import type { AccountService } from '../modules/accounts';
import type { AdminAccessService } from '../modules/admin-access';
import type { AutoReplyService } from '../modules/auto-reply';
import type { BroadcastService } from '../modules/broadcast';
import type { HousekeepingService } from '../modules/housekeeping';
import type { AnalyticsService } from '../modules/analytics';
import type { FollowerService } from '../modules/followers';
import type { MessageLog } from '../modules/messages';
import type { MenuService } from '../modules/menus';
import type { WebhookService } from '../modules/webhook';
import { errorMiddleware } from './middleware/errors';
import { requireAdmin } from './middleware/auth';
import type { Metrics } from './metrics';
import { accountsRouter } from './routes/accounts';
import { autoRepliesRouter } from './routes/auto-replies';
import { broadcastRouter } from './routes/broadcast';
import { remindersRouter } from './routes/reminders';
import { tokensRouter } from './routes/tokens';
import { customerServiceRouter, type CustomerServiceRoutesDeps } from './routes/customer-service';
import { analyticsRouter } from './routes/analytics';
import { followersRouter } from './routes/followers';
import { menusRouter } from './routes/menus';
import { messagesRouter } from './routes/messages';
import { opsRouter, type ReadinessCheck } from './routes/ops';
import { queueDashboard, type QueueSource } from './routes/queue-dashboard';
import { webhookListener } from './routes/webhook';

export interface AppDeps {
  logger: Logger;
  metrics: Metrics;
  accounts: AccountService;
  adminAccess: AdminAccessService;
  messages: MessageLog;
  webhook: WebhookService;
  autoReplies: AutoReplyService;
  broadcast: BroadcastService;
  housekeeping: HousekeepingService;
  analytics: AnalyticsService;
  /** Optional so apps built for one capability's tests need not bring it. */
  followers?: FollowerService;
  menus: MenuService;
  readiness: Record<string, ReadinessCheck>;
  webhookBodyLimitBytes: number;
  /** Trust X-Forwarded-For from a reverse proxy (for the IP in security logs). */
  proxy?: boolean;
  /** With QUEUE_DRIVER=bullmq, the job runner whose queue /admin/queues shows; absent, that path answers 404. */
  jobQueue?: QueueSource;
  customerService?: CustomerServiceRoutesDeps;
}

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * The HTTP entry point: the webhook's fast path first, everything else through the Koa app.
 * It never listens; main.ts (or a test, through supertest) decides where it runs.
 */
export function createRequestListener(deps: AppDeps): RequestListener {
  const webhook = webhookListener({ webhook: deps.webhook, metrics: deps.metrics, logger: deps.logger, bodyLimitBytes: deps.webhookBodyLimitBytes, proxy: deps.proxy ?? false });
  const koa = createApp(deps).callback();
  return (req, res) => {
    if (!webhook(req, res)) void koa(req, res);
  };
}

/** The Koa application: admin API and operations endpoints. */
export function createApp(deps: AppDeps): Koa {
  const app = new Koa({ proxy: deps.proxy ?? false });
  // Koa would otherwise print errors we already answered and logged.
  app.silent = true;
  app.use(errorMiddleware(deps.logger));

  app.use(opsRouter({ metrics: deps.metrics, checks: deps.readiness }).routes());
  // Its own admin auth: a browser navigating to the page cannot send the bearer header (see the route).
  app.use(queueDashboard({ source: deps.jobQueue, adminAccess: deps.adminAccess, logger: deps.logger }));

  const auth = requireAdmin(deps.adminAccess);
  app.use(async (ctx, next) => (ctx.path.startsWith('/api/') ? auth(ctx, next) : next()));
  for (const router of [tokensRouter(deps.adminAccess), accountsRouter(deps.accounts), messagesRouter({ messages: deps.messages, accounts: deps.accounts }), menusRouter({ menus: deps.menus, messages: deps.messages }), autoRepliesRouter(deps.autoReplies), broadcastRouter(deps.broadcast), remindersRouter(deps.housekeeping), analyticsRouter(deps.analytics), ...(deps.followers ? [followersRouter(deps.followers)] : []), ...(deps.customerService ? [customerServiceRouter(deps.customerService)] : [])]) {
    app.use(router.routes()).use(router.allowedMethods());
  }

  app.use((ctx) => {
    throw new NotFoundError(`no route for ${ctx.method} ${ctx.path}`);
  });
  return app;
}
