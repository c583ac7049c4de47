import { ConfigError } from '../src/shared/errors';
import { configKeys, type Config, type ConfigKey } from './schema';

export type { Config } from './schema';
export { configKeys } from './schema';

/**
 * The only reader of process.env. Validates every key, reports every problem at once and returns a
 * frozen, typed config. Empty strings count as unset so `FOO=` in a .env file means "default".
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(configKeys) as ConfigKey[]) {
    const { env: name, schema } = configKeys[key];
    const raw = env[name];
    const parsed = schema.safeParse(raw === '' ? undefined : raw);
    if (parsed.success) out[key] = parsed.data;
    else problems.push(`${name}: ${parsed.error.issues.map((i) => i.message).join('; ')} (got ${JSON.stringify(raw)})`);
  }
  if (problems.length === 0) for (const rule of COMBINATIONS) if (rule.broken(out as Config)) problems.push(rule.problem);
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(out) as Config;
}

/** Rules about two keys together, checked once each key is valid on its own. */
const COMBINATIONS: { broken: (c: Config) => boolean; problem: string }[] = [
  { broken: (c) => c.queueDriver === 'bullmq' && !c.redisUrl, problem: 'QUEUE_DRIVER: "bullmq" keeps jobs in Redis and needs REDIS_URL, which is not set' },
  {
    // A key generated into one machine's DATA_DIR would seal secrets that other instances cannot open.
    broken: (c) => c.mongodbUri !== undefined && !c.masterKey,
    problem: 'MONGODB_URI: a shared store needs the same WXOA_MASTER_KEY on every instance, and it is not set (generate one with `openssl rand -hex 32`)',
  },
];

/** Markdown table of every key, for the README. */
export function configTable(): string {
  const rows = (Object.keys(configKeys) as ConfigKey[]).map((key) => {
    const { env, schema, doc } = configKeys[key];
    const def = schema.safeParse(undefined);
    const shown = def.success && def.data !== undefined ? `\`${String(def.data)}\`` : '—';
    return `| \`${env}\` | ${shown} | ${doc} |`;
  });
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}
