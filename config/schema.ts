import { z } from 'zod';

/**
 * Every configuration key: env var, type, default and a one-line doc. This table is the single source
 * for loadConfig() and for the configuration table in the README (`wxoa config --markdown` prints it).
 */
const intIn = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const optionalString = z.string().min(1).optional();

export const configKeys = {
  port: { env: 'PORT', schema: intIn(0, 65535).default(3000), doc: 'HTTP port the server listens on' },
  host: { env: 'HOST', schema: z.string().min(1).default('0.0.0.0'), doc: 'interface the server binds' },
  dataDir: { env: 'DATA_DIR', schema: z.string().min(1).default('./data'), doc: 'where the SQLite file and the generated master key live' },
  masterKey: {
    env: 'WXOA_MASTER_KEY',
    schema: z.string().regex(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, '32 bytes as 64 hex characters or base64').optional(),
    doc: 'key that encrypts account secrets at rest (32 bytes, hex or base64); generated into DATA_DIR/master.key on first start when unset',
  },
  adminToken: {
    env: 'ADMIN_TOKEN',
    schema: z.string().min(24, 'at least 24 characters').optional(),
    doc: 'bearer token for the admin API; when unset one is generated on first start, printed once and stored hashed',
  },
  mongodbUri: {
    env: 'MONGODB_URI',
    schema: z.string().regex(/^mongodb(\+srv)?:\/\/\S+$/, 'a mongodb:// or mongodb+srv:// connection string').optional(),
    doc: 'MongoDB holding the store (the production profile; needs WXOA_MASTER_KEY); when unset, the store is the SQLite file under DATA_DIR',
  },
  redisUrl: { env: 'REDIS_URL', schema: optionalString, doc: 'Redis shared by every instance for retry dedup and the WeChat access_token cache and lock (in-process when unset)' },
  logLevel: {
    env: 'LOG_LEVEL',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    doc: 'pino log level',
  },
  webhookMaxSkewSeconds: {
    env: 'WEBHOOK_MAX_SKEW_SECONDS',
    schema: intIn(0, 86_400).default(300),
    doc: 'refuse callbacks whose timestamp is further than this from now; 0 turns the check off',
  },
  webhookBodyLimitBytes: { env: 'WEBHOOK_BODY_LIMIT_BYTES', schema: intIn(1024, 10_485_760).default(262_144), doc: 'largest callback body accepted (413 above)' },
  webhookBudgetMs: {
    env: 'WEBHOOK_BUDGET_MS',
    schema: intIn(50, 4_900).default(4_000),
    doc: "time handlers get before the webhook answers `success` and queues the reply (WeChat waits 5 s)",
  },
  webhookDedupTtlSeconds: {
    env: 'WEBHOOK_DEDUP_TTL_SECONDS',
    schema: intIn(20, 86_400).default(300),
    doc: 'how long a callback is remembered for retry dedup (WeChat retries for about 15 s)',
  },
  rulesRevalidateMs: {
    env: 'RULES_REVALIDATE_MS',
    schema: intIn(100, 600_000).default(2_000),
    doc: 'without REDIS_URL, how often a server checks the store for rules changed by another process (the CLI)',
  },
  broadcastSweepMs: {
    env: 'BROADCAST_SWEEP_MS',
    schema: intIn(0, 3_600_000).default(15_000),
    doc: 'how often due mass sends are looked for; both job runners also wake at the next campaign\'s due time, so this bounds only how late a campaign scheduled within it of its slot can go out; 0 leaves sending to another process',
  },
  broadcastGraceMinutes: {
    env: 'BROADCAST_GRACE_MINUTES',
    schema: intIn(0, 1_380).default(30),
    doc: 'a slot missed while the server was down is still sent up to this late; later, the campaign is marked missed',
  },
  broadcastLeaseSeconds: {
    env: 'BROADCAST_LEASE_SECONDS',
    schema: intIn(5, 3_600).default(300),
    doc: 'how long a process that started a mass send holds it; if it dies, another process resumes the send after this (never twice: WeChat dedups the clientmsgid)',
  },
  queueDriver: {
    env: 'QUEUE_DRIVER',
    schema: z.enum(['local', 'bullmq']).default('local'),
    doc: '`local`: jobs run on timers in the server process; `bullmq`: jobs are scheduled in Redis and run by any `serve` or `wxoa worker` process (needs REDIS_URL)',
  },
  serveProcessesJobs: {
    env: 'SERVE_PROCESSES_JOBS',
    schema: z.stringbool().default(true),
    doc: 'with QUEUE_DRIVER=bullmq, whether `serve` runs jobs itself; set false when separate `wxoa worker` processes run them',
  },
  messageLogFlushMs: { env: 'MESSAGE_LOG_FLUSH_MS', schema: intIn(1, 60_000).default(200), doc: 'longest a logged message waits in memory before it is written' },
  wechatApiBase: {
    env: 'WECHAT_API_BASE',
    schema: z
      .url({ protocol: /^https?$/, error: 'an http(s) URL' })
      .transform((u) => u.replace(/\/+$/, ''))
      .default('https://api.weixin.qq.com'),
    doc: 'base URL of the WeChat API; point it at `wxoa emulator` for offline development',
  },
  wechatApiTimeoutMs: {
    env: 'WECHAT_API_TIMEOUT_MS',
    schema: intIn(100, 120_000).default(10_000),
    doc: 'how long one WeChat API request may take before it counts as a (retried) timeout',
  },
} as const;

export type ConfigKey = keyof typeof configKeys;
export type Config = Readonly<{ [K in ConfigKey]: z.output<(typeof configKeys)[K]['schema']> }>;
