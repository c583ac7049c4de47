import fs from 'node:fs';
import path from 'node:path';
import { configTable, loadConfig } from '../../../config';
import { ConfigError } from '../../../src/shared/errors';

describe('loadConfig', () => {
  it('when nothing is set, then every default applies', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, dataDir: './data', webhookMaxSkewSeconds: 300, webhookBodyLimitBytes: 262144, webhookBudgetMs: 4000 });
    expect(c.redisUrl).toBeUndefined();
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('when several values are wrong, then one error reports them all', () => {
    try {
      loadConfig({ PORT: 'eighty', WEBHOOK_MAX_SKEW_SECONDS: '-1', WXOA_MASTER_KEY: 'short', LOG_LEVEL: 'loud' });
      throw new Error('expected ConfigError');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'WEBHOOK_MAX_SKEW_SECONDS', 'WXOA_MASTER_KEY', 'LOG_LEVEL']) expect(problems).toContain(name);
    }
  });

  it('when a variable is set to an empty string, then the default applies', () => {
    expect(loadConfig({ PORT: '' }).port).toBe(3000);
  });

  it('when the README is read, then its configuration table is the one the schema prints', () => {
    const readme = fs.readFileSync(path.join(__dirname, '../../../README.md'), 'utf8');
    expect(readme).toContain(configTable());
  });
});
