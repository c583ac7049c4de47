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
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(out) as Config;
}

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
