// `npm run bench`: webhook throughput and latency for a text message, plaintext and safe mode, as ratios
// against a bare Koa handler (the ceiling) and node-webot's `wechat` middleware, all measured in this run.
import os from 'node:os';
import { prepareRequests } from './fixture';
import { measure, RequestFeed, startServer, stopServer, type Measurement } from './load';
import { runMatchingBench } from './matching';
import { runProtocolMicrobench } from './parse';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 64;
const PORT = 39_000;

interface Row extends Measurement {
  name: string;
  halfRateP99: number;
  wrapped: boolean;
}

async function run(name: string, file: string, args: string[], route: string, safe: boolean, count: number): Promise<Row> {
  const feed = new RequestFeed(prepareRequests(route, count, safe));
  const server = await startServer(file, [String(PORT), ...args]);
  try {
    await measure(PORT, feed, { seconds: 2, connections: CONNECTIONS }); // warm-up (JIT, caches)
    const max = await measure(PORT, feed, { seconds: SECONDS, connections: CONNECTIONS });
    const half = await measure(PORT, feed, { seconds: SECONDS, connections: CONNECTIONS, rate: Math.round(max.rps / 2) });
    const row = { name, ...max, halfRateP99: half.p99, wrapped: feed.wrapped };
    process.stdout.write(`  ${name.padEnd(24)} ${fmt(row.rps)} req/s  p50 ${row.p50} ms  p99 ${row.p99} ms  p99@half ${row.halfRateP99} ms  non-2xx ${row.non2xx}${row.wrapped ? '  (requests reused)' : ''}\n`);
    return row;
  } finally {
    await stopServer(server);
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(8);
const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(0)} %`;
const check = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

async function main(): Promise<void> {
  // BENCH_ONLY=matching runs the rule-matching benchmark alone (no servers, ~1 min).
  if (process.env.BENCH_ONLY === 'matching') return runMatchingBench();
  process.stdout.write(`wxoa bench — ${new Date().toISOString()} — ${os.cpus()[0]?.model} ×${os.cpus().length}, node ${process.version}\n\nwebhook, one text message per request (${CONNECTIONS} connections, ${SECONDS} s per run):\n`);
  const bare = await run('bare Koa (ceiling)', 'servers/bare-koa.ts', [], '/wechat', false, 1000);
  const webotPlain = await run('node-webot plaintext', 'servers/node-webot.ts', [], '/wechat', false, 1000);
  const wxoaPlain = await run('wxoa plaintext', 'servers/wxoa.ts', ['plaintext'], '/wechat/wxb11529c136998cb6', false, 600_000);
  const webotSafe = await run('node-webot safe', 'servers/node-webot.ts', [], '/wechat', true, 1000);
  const wxoaSafe = await run('wxoa safe', 'servers/wxoa.ts', ['safe'], '/wechat/wxb11529c136998cb6', true, 400_000);

  const lines = [
    `wxoa plaintext / bare Koa   ${pct(wxoaPlain.rps, bare.rps).padStart(6)}   target ≥ 40 %   ${check(wxoaPlain.rps >= 0.4 * bare.rps)}`,
    `wxoa plaintext / node-webot ${(wxoaPlain.rps / webotPlain.rps).toFixed(2).padStart(5)}×   target ≥ 3×     ${check(wxoaPlain.rps >= 3 * webotPlain.rps)}`,
    `wxoa safe / bare Koa        ${pct(wxoaSafe.rps, bare.rps).padStart(6)}   target ≥ 25 %   ${check(wxoaSafe.rps >= 0.25 * bare.rps)}`,
    `wxoa safe / node-webot safe ${(wxoaSafe.rps / webotSafe.rps).toFixed(2).padStart(5)}×   target ≥ 3×     ${check(wxoaSafe.rps >= 3 * webotSafe.rps)}`,
    `wxoa p99 at half max rate   plaintext ${wxoaPlain.halfRateP99} ms, safe ${wxoaSafe.halfRateP99} ms   target < 10 ms   ${check(wxoaPlain.halfRateP99 < 10 && wxoaSafe.halfRateP99 < 10)}`,
  ];
  process.stdout.write(`\nratios (same run):\n  ${lines.join('\n  ')}\n`);
  if (process.env.BENCH_SKIP_MICRO !== '1') {
    runProtocolMicrobench();
    runMatchingBench();
  }
}

void main().then(() => process.exit(0));
