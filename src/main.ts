import http from 'node:http';
import Redis from 'ioredis';
import type { Config } from '../config';
import { systemClock, type Clock } from './shared/clock';
import type { Logger } from './shared/logger';
import { AccountService, createSecretBox } from './modules/accounts';
import { AdminAccessService } from './modules/admin-access';
import { MessageLog } from './modules/messages';
import { AccountCache, MemoryDedupStore, OnceGate, WebhookService, type HandlerMap } from './modules/webhook';
import { parseXml } from './wechat';
import { createRequestListener, type RequestListener } from './http/app';
import { Metrics } from './http/metrics';
import { loadOrCreateMasterKey } from './store/master-key';
import { RedisDedupStore } from './store/redis/dedup';
import { RedisTokenStore } from './store/redis/token-store';
import { MemoryTokenStore, WeChatApiClients } from './wechat-api';
import { openSqliteStore } from './store/sqlite';
import type { Store } from './store/store';

export interface RuntimeOptions {
  logger: Logger;
  clock?: Clock;
  /** The dispatch table; empty until capabilities (auto-replies …) register handlers. */
  handlers?: HandlerMap;
  /** An already-open store (tests); otherwise the SQLite file under DATA_DIR. */
  store?: Store;
  /** Skip process-wide default metrics (tests build many runtimes in one process). */
  defaultMetrics?: boolean;
}

export interface Runtime {
  /** The HTTP request listener (webhook fast path + Koa app). */
  handler: RequestListener;
  store: Store;
  accounts: AccountService;
  adminAccess: AdminAccessService;
  messages: MessageLog;
  webhook: WebhookService;
  /** WeChat API clients, one per account, sharing one token store. */
  wechatApi: WeChatApiClients;
  redis: Redis | null;
  close(): Promise<void>;
}

/** The composition root: the only place that opens SQLite and Redis connections and wires adapters to services. */
export async function buildRuntime(config: Config, options: RuntimeOptions): Promise<Runtime> {
  const { logger } = options;
  const clock = options.clock ?? systemClock;
  const store = options.store ?? openSqliteStore({ dataDir: config.dataDir });
  const masterKey = loadOrCreateMasterKey({ configured: config.masterKey, dataDir: config.dataDir, logger });
  const secretBox = createSecretBox(masterKey);
  const accounts = new AccountService({ repo: store.accounts, secrets: secretBox, clock });
  const adminAccess = new AdminAccessService({ repo: store.adminTokens, clock, envToken: config.adminToken });
  const messages = new MessageLog({ repo: store.messages, clock, logger, flushMs: config.messageLogFlushMs, parseXml });

  const redis = config.redisUrl ? new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: true }) : null;
  if (redis) {
    redis.on('error', (err) => logger.warn({ err: err.message }, 'redis connection problem'));
    await redis.connect();
  }
  const dedup = redis ? new RedisDedupStore(redis) : new MemoryDedupStore();
  const wechatApi = new WeChatApiClients({
    baseUrl: config.wechatApiBase,
    timeoutMs: config.wechatApiTimeoutMs,
    // Tokens are secrets: sealed at rest in Redis, shared by every instance.
    tokenStore: redis ? new RedisTokenStore(redis, { box: secretBox }) : new MemoryTokenStore(clock),
    credentials: (appId) => accounts.getWithSecrets(appId),
    clock,
    logger,
  });
  accounts.onChange((appId) => wechatApi.forget(appId));
  const accountCache = new AccountCache((appId) => accounts.getWithSecrets(appId));
  accounts.onChange((appId) => accountCache.invalidate(appId));

  const metrics = new Metrics({ defaultMetrics: options.defaultMetrics });
  const webhook = new WebhookService({
    accounts: accountCache,
    handlers: options.handlers ?? {},
    once: new OnceGate(dedup, config.webhookDedupTtlSeconds, config.webhookBudgetMs + 500),
    log: messages,
    pending: store.pendingReplies,
    observer: metrics,
    clock,
    logger,
    maxSkewSeconds: config.webhookMaxSkewSeconds,
    budgetMs: config.webhookBudgetMs,
  });
  const readiness: Record<string, () => Promise<void>> = { store: () => store.ping() };
  if (redis) readiness.redis = async () => void (await redis.ping());

  const handler = createRequestListener({ logger, metrics, accounts, adminAccess, messages, webhook, readiness, webhookBodyLimitBytes: config.webhookBodyLimitBytes });
  return {
    handler, store, accounts, adminAccess, messages, webhook, wechatApi, redis,
    async close() {
      await messages.close();
      if (redis) redis.disconnect();
      await store.close();
    },
  };
}

/** Starts the HTTP server; resolves once it listens. SIGINT/SIGTERM drain and close cleanly. */
export async function startServer(config: Config, options: RuntimeOptions): Promise<{ server: http.Server; runtime: Runtime }> {
  const runtime = await buildRuntime(config, options);
  const { generatedToken } = await runtime.adminAccess.bootstrap();
  if (generatedToken) {
    // Printed once, to the terminal only: the store keeps its hash.
    process.stdout.write(`\nAdmin API token (shown once, store it now):\n  ${generatedToken}\n\n`);
  }
  const server = http.createServer(runtime.handler);
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  options.logger.info({ port: config.port, host: config.host }, 'wxoa listening');
  const shutdown = async (signal: string) => {
    options.logger.info({ signal }, 'shutting down');
    server.close();
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  return { server, runtime };
}
