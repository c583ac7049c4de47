// wxoa itself: the full runtime (SQLite message log, in-process dedup, metrics) with one account
// in the requested mode. By default a handler answers every text message with text; with a third
// argument `rules=N` the runtime keeps its real auto-reply handler instead and the account gets N
// rules through runtime.autoReplies (bulk import): N − 1 rules of mixed modes as in the matching
// bench, plus one keyword rule that the bench's message ('你好 hello') matches, so every request is
// answered by a real rule. `rules=0` leaves the account without rules (the handler answers 'success').
// `cs=off` turns customer service off for the account (on by default, as for every account).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { loadConfig } from '../../config';
import { silentLogger } from '../../src/shared/logger';
import { buildRuntime } from '../../src/main';
import { BENCH_ACCOUNT } from '../fixture';
import { makeRules, rng } from '../matching';

/** Wins over every mixed rule (their priorities are 0–9) and sends one reply: no customer-service follow-ups. */
export const HELLO_RULE = {
  name: 'bench hello', trigger: { kind: 'keyword', keywords: [{ text: 'hello', mode: 'contains' }] },
  replies: [{ type: 'text', content: 'hello' }], replyMode: 'all', priority: 100,
};

async function main(): Promise<void> {
  const [port, mode] = [Number(process.argv[2]), process.argv[3] ?? 'plaintext'];
  const rulesArg = process.argv.slice(4).find((a) => a.startsWith('rules='));
  const ruleCount = rulesArg === undefined ? null : Number(rulesArg.slice('rules='.length));
  const customerService = !process.argv.slice(4).includes('cs=off');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wxoa-bench-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ADMIN_TOKEN: 'bench-admin-token-0123456789', WXOA_MASTER_KEY: 'ab'.repeat(32) });
  const runtime = await buildRuntime(
    config,
    ruleCount === null ? { logger: silentLogger, handlers: { text: () => ({ type: 'text', content: 'hello' }) } } : { logger: silentLogger },
  );
  await runtime.accounts.create({ ...BENCH_ACCOUNT, encryptionMode: mode });
  if (!customerService) await runtime.customerService.settings.update(BENCH_ACCOUNT.appId, { enabled: false });
  if (ruleCount !== null && ruleCount > 0) {
    const mixed = makeRules(ruleCount - 1, rng(42)).rules.map(({ id: _i, appId: _a, createdAt: _c, updatedAt: _u, ...fields }) => fields);
    const result = await runtime.autoReplies.importRules(BENCH_ACCOUNT.appId, [...mixed, HELLO_RULE], 'replace');
    if (result.total !== ruleCount) throw new Error(`imported ${result.total} rules, wanted ${ruleCount}`);
  }
  http.createServer(runtime.handler).listen(port, '127.0.0.1', () => process.send?.('ready'));
}
void main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n${JSON.stringify((err as { details?: unknown }).details ?? null).slice(0, 2000)}\n`);
  process.exit(1);
});
