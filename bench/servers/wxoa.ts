// wxoa itself: the full runtime (SQLite message log, in-process dedup, metrics) with one account
// in the requested mode and a handler answering every text message with text.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { loadConfig } from '../../config';
import { silentLogger } from '../../src/shared/logger';
import { buildRuntime } from '../../src/main';
import { BENCH_ACCOUNT } from '../fixture';

async function main(): Promise<void> {
  const [port, mode] = [Number(process.argv[2]), process.argv[3] ?? 'plaintext'];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wxoa-bench-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ADMIN_TOKEN: 'bench-admin-token-0123456789', WXOA_MASTER_KEY: 'ab'.repeat(32) });
  const runtime = await buildRuntime(config, { logger: silentLogger, handlers: { text: () => ({ type: 'text', content: 'hello' }) } });
  await runtime.accounts.create({ ...BENCH_ACCOUNT, encryptionMode: mode });
  http.createServer(runtime.handler).listen(port, '127.0.0.1', () => process.send?.('ready'));
}
void main();
