import http from 'node:http';
import Redis from 'ioredis';
import type { Config } from '../config';
import { systemClock, type Clock } from './shared/clock';
import type { Logger } from './shared/logger';
import { AccountService, createSecretBox } from './modules/accounts';
import { AdminAccessService } from './modules/admin-access';
import { AutoReplyService, autoReplyHandlers, compileRules, MemoryCooldownStore, MemoryRuleChangeBus, RulesCache, type CooldownStore } from './modules/auto-reply';
import { MessageLog } from './modules/messages';
import { MenuService, answersFromRules } from './modules/menus';
import { BroadcastService, broadcastHandlers, CampaignResultPoller, CampaignSender } from './modules/broadcast';
import { HousekeepingService } from './modules/housekeeping';
import { AnalyticsService } from './modules/analytics';
import { FollowerService, withFollowerTracking } from './modules/followers';
import { AccountCache, MemoryDedupStore, OnceGate, WebhookService, type HandlerMap } from './modules/webhook';
import { parseXml } from './wechat';
import { createRequestListener, type RequestListener } from './http/app';
import { Metrics } from './http/metrics';
import { loadOrCreateMasterKey } from './store/master-key';
import { RedisDedupStore } from './store/redis/dedup';
import { RedisCooldownStore } from './store/redis/cooldown-store';
import { RedisRuleChangeBus } from './store/redis/rule-change-bus';
import { RedisTokenStore } from './store/redis/token-store';
import { MemoryTokenStore, WeChatApiClients } from './wechat-api';
import { isTransientFailure, WeChatApiError } from './wechat-api/errors';
import { LocalScheduler } from './queue/local/local-scheduler';
import { BullmqJobRunner } from './queue/bullmq/bullmq-runner';
import type { JobRunner } from './queue/queue';
import { defineJobs } from '../jobs';
import { wireCustomerService, type CustomerServiceWiring } from './wiring/customer-service';
import { CustomServiceFollowUps } from './wechat-api/follow-up-sender';
import { openStore } from './store/open-store';
import type { Store } from './store/store';

export interface RuntimeOptions {
  logger: Logger;
  clock?: Clock;
  /** The dispatch table; empty until capabilities (auto-replies …) register handlers. */
  handlers?: HandlerMap;
  /** An already-open store (tests); otherwise the configured one (MONGODB_URI, or the SQLite file under DATA_DIR). */
  store?: Store;
  /** Skip process-wide default metrics (tests build many runtimes in one process). */
  defaultMetrics?: boolean;
  /** With QUEUE_DRIVER=bullmq, whether this process runs jobs (`wxoa worker`: true); default SERVE_PROCESSES_JOBS. */
  processJobs?: boolean;
}

export interface Runtime {
  /** The HTTP request listener (webhook fast path + Koa app). */
  handler: RequestListener;
  store: Store;
  accounts: AccountService;
  adminAccess: AdminAccessService;
  messages: MessageLog;
  webhook: WebhookService;
  menus: MenuService;
  /** Followers: full syncs, kept current by follow events, channel attribution. */
  followers: FollowerService;
  /** Datacube pulls into the store, backfill, gaps and reports. */
  analytics: AnalyticsService;
  /** Token refresh and certification reminders (scheduled jobs; reminders listed at /api/v1/reminders). */
  housekeeping: HousekeepingService;
  /** Mass-send campaigns: create, preview, confirm, schedule, cancel. */
  broadcast: BroadcastService;
  /** Sends due campaigns exactly once (the `broadcast.send-due` job calls it). */
  campaignSender: CampaignSender;
  /** Asks WeChat for the status of sends whose MASSSENDJOBFINISH never came. */
  resultPoller: CampaignResultPoller;
  /** Customer service: conversations, desk, agents, SLA sweep, leads, deferred replies. */
  customerService: CustomerServiceWiring;
  /** The job runner (local timers or BullMQ); started by startServer or `wxoa worker`, not by buildRuntime (tests drive jobs themselves). */
  scheduler: JobRunner;
  /** Auto-reply rules: CRUD, import/export, dry run. */
  autoReplies: AutoReplyService;
  /** Each account's compiled rules, dropped on any instance's change. */
  rulesCache: RulesCache;
  /** The default reply's per-follower cool-down (Redis or in-process). */
  cooldowns: CooldownStore;
  /** WeChat API clients, one per account, sharing one token store. */
  wechatApi: WeChatApiClients;
  redis: Redis | null;
  close(): Promise<void>;
}

/** The composition root: the only place that opens SQLite and Redis connections and wires adapters to services. */
export async function buildRuntime(config: Config, options: RuntimeOptions): Promise<Runtime> {
  const { logger } = options;
  const clock = options.clock ?? systemClock;
  const store = options.store ?? (await openStore(config));
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

  // A Redis connection in subscriber mode can do nothing else: the rule-change bus listens on its own.
  const redisSubscriber = redis ? redis.duplicate({ lazyConnect: true }) : null;
  if (redisSubscriber) {
    redisSubscriber.on('error', (err) => logger.warn({ err: err.message }, 'redis subscriber connection problem'));
    await redisSubscriber.connect();
  }
  const ruleBus = redis && redisSubscriber ? new RedisRuleChangeBus(redis, redisSubscriber, { logger }) : new MemoryRuleChangeBus();
  const cooldowns = redis ? new RedisCooldownStore(redis) : new MemoryCooldownStore(clock);
  const rulesCache = await RulesCache.start({ repo: store.autoReplyRules, bus: ruleBus, compile: compileRules });
  // Without Redis no bus reaches other processes (the CLI): look at the store every few seconds instead.
  const rulesWatch = redis ? null : setInterval(() => void rulesCache.revalidate().catch((err: unknown) => logger.warn({ err }, 'rules revalidation failed')), config.rulesRevalidateMs);
  rulesWatch?.unref();
  const autoReplies = new AutoReplyService({
    repo: store.autoReplyRules, bus: ruleBus, cache: rulesCache, clock, logger,
    account: (appId) => accounts.getWithSecrets(appId),
    consoleRules: async (appId) => (await wechatApi.forAccount(appId))?.menu.getCurrentAutoReplyInfo() ?? null,
  });

  // 45066: the same clientmsgid again within a minute; WeChat asks to wait, so it is worth a retry.
  const broadcastPlatform = { forAccount: (appId: string) => wechatApi.forAccount(appId), isTransient: (err: unknown) => isTransientFailure(err) || (err instanceof WeChatApiError && err.errcode === 45066) };
  const broadcast = new BroadcastService({ repo: store.campaigns, accounts, platform: broadcastPlatform, clock });
  const campaignSender = new CampaignSender({ repo: store.campaigns, platform: broadcastPlatform, clock, logger }, { graceMs: config.broadcastGraceMinutes * 60_000, leaseMs: config.broadcastLeaseSeconds * 1000 });
  const housekeeping = new HousekeepingService({
    accounts, reminders: store.reminders, clock, logger,
    tokens: { refresh: async (appId) => void (await (await wechatApi.forAccount(appId))?.client.tokens.getToken()) },
  });
  const analytics = new AnalyticsService({
    repo: store.analytics, accounts, clock, logger,
    platform: { forAccount: (appId: string) => wechatApi.forAccount(appId), isTransient: isTransientFailure },
  });
  const followers = new FollowerService({
    repo: store.followers, accounts, clock, logger,
    platform: { forAccount: (appId: string) => wechatApi.forAccount(appId), isTransient: isTransientFailure },
  });
  const resultPoller = new CampaignResultPoller({ repo: store.campaigns, accounts, platform: broadcastPlatform, clock, logger });
  const metrics = new Metrics({ defaultMetrics: options.defaultMetrics });
  const customerService = wireCustomerService({ store, accounts, wechatApi, rules: rulesCache, clock, logger, secrets: secretBox, onSlaMark: (kind, appId) => metrics.slaMark(kind, appId) });
  const jobs = defineJobs({ sender: campaignSender, broadcastSweepMs: config.broadcastSweepMs, resultPoller, housekeeping, analytics, followers, customerService });
  // BullMQ blocks on its connection, so it gets its own, with no per-request retry limit (BullMQ requires it).
  const bullmqRedis = config.queueDriver === 'bullmq' && config.redisUrl ? new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: null }) : null;
  if (bullmqRedis) {
    bullmqRedis.on('error', (err) => logger.warn({ err: err.message }, 'redis job queue connection problem'));
    await bullmqRedis.connect();
  }
  const bullmqRunner = bullmqRedis ? new BullmqJobRunner(jobs, { connection: bullmqRedis, logger, processJobs: options.processJobs ?? config.serveProcessesJobs }) : null;
  const scheduler: JobRunner = bullmqRunner ?? new LocalScheduler(jobs, logger);

  const webhook = new WebhookService({
    accounts: accountCache,
    // The dispatch table: auto-replies answer every kind of message unless a test brings its own;
    // mass-send results go to their campaigns; follows and unfollows are recorded on the way through;
    // customer service opens WeChat's window per follower, files conversations and transfers.
    handlers: options.handlers ?? customerService.wrapHandlers(withFollowerTracking({
      ...autoReplyHandlers({ rules: rulesCache, cooldowns, followUps: new CustomServiceFollowUps(customerService.sender, logger), logger }),
      ...broadcastHandlers(campaignSender, logger),
    }, followers, logger)),
    once: new OnceGate(dedup, config.webhookDedupTtlSeconds, config.webhookBudgetMs + 500),
    log: messages,
    pending: store.pendingReplies,
    observer: metrics,
    clock,
    logger,
    maxSkewSeconds: config.webhookMaxSkewSeconds,
    budgetMs: config.webhookBudgetMs,
  });
  const menus = new MenuService({
    drafts: store.menuDrafts, events: store.menuEvents, platform: wechatApi, accounts, clock,
    rules: { answersFor: async (appId) => answersFromRules(await store.autoReplyRules.listByAccount(appId)) },
  });
  const readiness: Record<string, () => Promise<void>> = { store: () => store.ping() };
  if (redis) readiness.redis = async () => void (await redis.ping());

  const handler = createRequestListener({ logger, metrics, accounts, adminAccess, messages, webhook, readiness, webhookBodyLimitBytes: config.webhookBodyLimitBytes, menus, autoReplies, broadcast, housekeeping, analytics, followers, jobQueue: bullmqRunner ?? undefined, customerService });
  return {
    handler, store, accounts, adminAccess, messages, webhook, wechatApi, redis, menus, autoReplies, rulesCache, cooldowns, broadcast, campaignSender, resultPoller, scheduler, housekeeping, analytics, followers, customerService,
    async close() {
      if (rulesWatch) clearInterval(rulesWatch);
      await scheduler.stop();
      bullmqRedis?.disconnect();
      await messages.close();
      await ruleBus.close();
      redisSubscriber?.disconnect();
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
  await runtime.scheduler.start();
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
