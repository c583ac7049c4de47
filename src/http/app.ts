import Koa from 'koa';
import type { Logger } from '../shared/logger';
import { NotFoundError } from '../shared/errors';
import type { AccountService } from '../modules/accounts';
import type { AdminAccessService } from '../modules/admin-access';
import type { MessageLog } from '../modules/messages';
import type { WebhookService } from '../modules/webhook';
import { errorMiddleware } from './middleware/errors';
import { requireAdmin } from './middleware/auth';
import type { Metrics } from './metrics';
import { accountsRouter } from './routes/accounts';
import { messagesRouter } from './routes/messages';
import { opsRouter, type ReadinessCheck } from './routes/ops';
import { webhookMiddleware } from './routes/webhook';

export interface AppDeps {
  logger: Logger;
  metrics: Metrics;
  accounts: AccountService;
  adminAccess: AdminAccessService;
  messages: MessageLog;
  webhook: WebhookService;
  readiness: Record<string, ReadinessCheck>;
  webhookBodyLimitBytes: number;
  /** Trust X-Forwarded-For from a reverse proxy (for the IP in security logs). */
  proxy?: boolean;
}

/** The Koa application. It never listens; main.ts (or a test) decides where it runs. */
export function createApp(deps: AppDeps): Koa {
  const app = new Koa({ proxy: deps.proxy ?? false });
  // Koa would otherwise print errors we already answered and logged.
  app.silent = true;
  app.use(errorMiddleware(deps.logger));

  app.use(webhookMiddleware({ webhook: deps.webhook, metrics: deps.metrics, bodyLimitBytes: deps.webhookBodyLimitBytes }));
  app.use(opsRouter({ metrics: deps.metrics, checks: deps.readiness }).routes());

  const auth = requireAdmin(deps.adminAccess);
  app.use(async (ctx, next) => (ctx.path.startsWith('/api/') ? auth(ctx, next) : next()));
  for (const router of [accountsRouter(deps.accounts), messagesRouter({ messages: deps.messages, accounts: deps.accounts })]) {
    app.use(router.routes()).use(router.allowedMethods());
  }

  app.use((ctx) => {
    throw new NotFoundError(`no route for ${ctx.method} ${ctx.path}`);
  });
  return app;
}
