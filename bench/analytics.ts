// Analytics backfill: BENCH_ANALYTICS_ACCOUNTS (100) accounts × 365 days against the emulator, in process,
// through the product's AnalyticsService (legal windows, the real WeChat API client over HTTP, a SQLite file).
// The throttle pause is 0 here: the product's 100 ms between calls is its politeness towards WeChat's
// per-minute limits, not its speed; with it a year of one account takes ≥ 106 s whatever the code does.
// The baseline, in the same run, makes the same datacube calls (same windows, same concurrency) directly
// with the client and stores nothing, so the ratio is what planning, mapping and storing cost.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEmulator } from '../src/emulator';
import { AnalyticsService, analyticsMetrics, METRIC_ENDPOINT, type AnalyticsMetric } from '../src/modules/analytics';
import { systemClock } from '../src/shared/clock';
import { addDays } from '../src/shared/zoned-time';
import { openSqliteStore } from '../src/store/sqlite';
import { MemoryTokenStore, WeChatApiClients } from '../src/wechat-api';
import { DATACUBE_MAX_SPAN, shanghaiYesterday, splitIntoWindows, type DateWindow } from '../src/wechat-api/datacube-windows';
import { isTransientFailure } from '../src/wechat-api/errors';

const ACCOUNTS = Number(process.env.BENCH_ANALYTICS_ACCOUNTS ?? 100);
const DAYS = 365;
/** Accounts backfilled at once in the concurrent run (the sequential run does one at a time). */
const CONCURRENCY = Number(process.env.BENCH_ANALYTICS_CONCURRENCY ?? 4);
/** Accounts of the sequential-against-concurrent comparison. */
const SLICE = 5;

const appIdOf = (i: number) => `wx${(0xbe00_0000_0000_0000n + BigInt(i)).toString(16)}`;
const SECRET = 'b'.repeat(32);

interface Run { calls: number; daysStored: number; ms: number }

/** Runs `work` over the accounts, `concurrency` at a time. */
async function overAccounts<T>(appIds: string[], concurrency: number, work: (appId: string) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, appIds.length) }, async () => {
    while (next < appIds.length) results.push(await work(appIds[next++]!));
  }));
  return results;
}

function clients(url: string): WeChatApiClients {
  return new WeChatApiClients({
    baseUrl: url, timeoutMs: 10_000, tokenStore: new MemoryTokenStore(systemClock), clock: systemClock,
    credentials: async (appId) => ({ appId, appSecret: SECRET }),
  });
}

/** The product: AnalyticsService over a fresh SQLite file, no pause between calls. */
async function backfillRun(url: string, appIds: string[], range: { since: string; until: string }, concurrency: number): Promise<Run> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wxoa-bench-analytics-'));
  const store = openSqliteStore({ dataDir });
  const wechat = clients(url);
  const accounts = new Map(appIds.map((appId) => [appId, { appId, timeZone: 'Asia/Shanghai', hasAppSecret: true }]));
  const service = new AnalyticsService({
    repo: store.analytics, clock: systemClock, throttleMs: 0,
    platform: { forAccount: (appId) => wechat.forAccount(appId), isTransient: isTransientFailure },
    accounts: { list: async () => [...accounts.values()], get: async (appId) => accounts.get(appId)! },
  });
  try {
    const started = performance.now();
    const results = await overAccounts(appIds, concurrency, (appId) => service.backfill(appId, range.since, range.until));
    const ms = performance.now() - started;
    return { calls: results.reduce((n, r) => n + r.calls, 0), daysStored: results.reduce((n, r) => n + r.daysStored, 0), ms };
  } finally {
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The baseline: the same windows called directly with the client, the answers dropped. */
async function rawRun(url: string, appIds: string[], range: { since: string; until: string }, concurrency: number): Promise<Run> {
  const wechat = clients(url);
  const plan: { metric: AnalyticsMetric; window: DateWindow }[] = analyticsMetrics.flatMap((metric) =>
    splitIntoWindows(range.since, range.until, DATACUBE_MAX_SPAN[METRIC_ENDPOINT[metric]], systemClock).map((window) => ({ metric, window })));
  const started = performance.now();
  await overAccounts(appIds, concurrency, async (appId) => {
    const api = (await wechat.forAccount(appId))!;
    for (const { metric, window } of plan) await api.datacube[metric](window.beginDate, window.endDate);
  });
  return { calls: plan.length * appIds.length, daysStored: 0, ms: performance.now() - started };
}

export async function runAnalyticsBench(): Promise<void> {
  const appIds = Array.from({ length: ACCOUNTS }, (_, i) => appIdOf(i));
  const { listen } = createEmulator({ accounts: appIds.map((appId) => ({ appId, secret: SECRET, type: 'service' as const, verified: true })) });
  const running = await listen(0, '127.0.0.1');
  const until = shanghaiYesterday(systemClock);
  const range = { since: addDays(until, 1 - DAYS), until };
  process.stdout.write(`\nanalytics backfill: ${ACCOUNTS} accounts × ${DAYS} days (${range.since} .. ${range.until}) against the emulator in this process, SQLite file, throttle pause 0 (the product's default 100 ms is politeness towards WeChat, not speed):\n`);
  const row = (name: string, r: Run, base?: Run) => {
    const s = r.ms / 1000;
    const days = r.daysStored > 0 ? `${fmt(r.daysStored / 7 / s)} account-days/s  (${fmt(r.daysStored / s)} (metric, day)/s)` : ''.padEnd(52);
    process.stdout.write(`  ${name.padEnd(40)} ${fmt(r.calls)} calls in ${s.toFixed(1).padStart(5)} s   ${fmt(r.calls / s)} calls/s   ${days}${base ? `   ${((100 * (r.calls / r.ms)) / (base.calls / base.ms)).toFixed(0)} % of the raw call rate` : ''}\n`);
  };
  try {
    // Warm-up (JIT, sockets, tokens): 30 days of one account, both paths, outside the measured range's store.
    const warm = { since: addDays(until, -29), until };
    await rawRun(running.url, appIds.slice(0, 1), warm, 1);
    await backfillRun(running.url, appIds.slice(0, 1), warm, 1);
    // Sequential against concurrent on a slice (cheap), then every account at the chosen concurrency.
    const slice = appIds.slice(0, Math.min(SLICE, ACCOUNTS));
    const measured: [string, string[], number][] = [
      [`${slice.length} accounts, one at a time`, slice, 1],
      [`${slice.length} accounts, ${CONCURRENCY} at a time`, slice, CONCURRENCY],
      [`all ${ACCOUNTS} accounts, ${CONCURRENCY} at a time`, appIds, CONCURRENCY],
    ];
    for (const [label, ids, concurrency] of measured) {
      const raw = await rawRun(running.url, ids, range, concurrency);
      const ours = await backfillRun(running.url, ids, range, concurrency);
      if (ours.daysStored !== ids.length * DAYS * analyticsMetrics.length) throw new Error(`stored ${ours.daysStored} (metric, day) pairs, expected ${ids.length * DAYS * analyticsMetrics.length}`);
      process.stdout.write(` ${label}:\n`);
      row('raw client calls, nothing stored', raw);
      row('AnalyticsService.backfill into SQLite', ours, raw);
    }
  } finally {
    await running.close();
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(8);
