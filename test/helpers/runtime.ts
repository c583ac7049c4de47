import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../config';
import { ManualClock } from '../../src/shared/clock';
import { silentLogger } from '../../src/shared/logger';
import { buildRuntime, type Runtime } from '../../src/main';
import type { HandlerMap } from '../../src/modules/webhook';
import { openSqliteStore } from '../../src/store/sqlite';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';
export const MASTER_KEY = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';
/** 2023-11-14T22:13:20Z, the CreateTime of the shared inbound samples. */
export const NOW_SECONDS = 1_700_000_000;

export interface TestRuntime extends Runtime {
  clock: ManualClock;
  config: Config;
  dataDir: string;
}

/** A full runtime on a temporary SQLite file (or the MongoDB of env.MONGODB_URI), a manual clock and a silent logger. */
export async function startTestRuntime(
  options: { env?: Record<string, string>; handlers?: HandlerMap; dataDir?: string } = {},
): Promise<TestRuntime> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'wxoa-test-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    WXOA_MASTER_KEY: MASTER_KEY,
    ADMIN_TOKEN,
    LOG_LEVEL: 'silent',
    MESSAGE_LOG_FLUSH_MS: '5',
    ...options.env,
  });
  const clock = new ManualClock(NOW_SECONDS * 1000);
  const runtime = await buildRuntime(config, {
    logger: silentLogger,
    clock,
    handlers: options.handlers,
    // With MONGODB_URI the runtime opens the configured store itself, as `wxoa serve` does.
    store: config.mongodbUri ? undefined : openSqliteStore({ dataDir }),
    defaultMetrics: false,
  });
  return { ...runtime, clock, config, dataDir };
}
