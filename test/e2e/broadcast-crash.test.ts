/**
 * Proves: a mass send survives its worker being SIGKILLed at any moment — before it claims the
 * campaign, while its sendall is in flight (before or after WeChat accepted it), or after it
 * recorded the send — and once a second worker takes over (after the 5 s lease), every follower
 * has received the campaign exactly once. Real processes (test/e2e/fixtures/send-due-worker.ts),
 * one SQLite file, the real clock, the emulator playing WeChat; ROUNDS rounds (env CRASH_ROUNDS).
 * Each round draws a sendall delay before WeChat accepts (emulator latency fault) and one after (the
 * answer held back by a proxy), so kills land on both sides of the acceptance. A kill during the
 * first delay makes the emulator print "emulator: Error: aborted" (it could not read the request): expected.
 * Run: npx jest test/e2e/broadcast-crash.test.ts
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../config';
import { buildRuntime } from '../../src/main';
import { silentLogger } from '../../src/shared/logger';
import { openSqliteStore } from '../../src/store/sqlite';
import type { Store } from '../../src/store/store';
import { startEmulator, type StartedEmulator } from '../helpers/emulator';
import { ADMIN_TOKEN, MASTER_KEY } from '../helpers/runtime';
import { TEST_ACCOUNT } from '../helpers/wechat-client';

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 20);
const ROOT = path.resolve(__dirname, '../..');
const FOLLOWERS = ['oFan1', 'oFan2', 'oFan3', 'oFan4', 'oFan5'];
/** Gets the preview (which lands as a 'mass' item too), so not among the counted followers. */
const TESTER = 'oTester';
const SENDALL = '/cgi-bin/message/mass/sendall';
const DUE_IN_MS = 1500;

/** Where the kill landed. Mid-send: claimed, not recorded as sent; WeChat took the first worker's call before the kill, after it (the request was already in), or not at all. */
type Phase = 'before claim' | 'mid-send, WeChat took it before the kill' | 'mid-send, WeChat took it after the kill' | 'mid-send, WeChat never took it' | 'after send';
const outcomes: Array<{ round: number; phase: Phase; killAtMs: number; latencyMs: number; answerDelayMs: number; attempts: number; sendallsAtKill: number }> = [];
const children = new Set<ChildProcess>();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const rand = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

/** A worker process; `ready` resolves when its runtime is built (it prints that on stderr). */
function startWorker(dataDir: string, apiBase: string) {
  const child = spawn(process.execPath, ['bin/run-ts.js', 'test/e2e/fixtures/send-due-worker.ts', dataDir, apiBase], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => void (stdout += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('close', () => { children.delete(child); resolve(); }));
  const ready = new Promise<number>((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (/ ready\n/.test(stderr)) resolve(Date.now());
    });
    void exited.then(() => reject(new Error(`worker exited before it was ready: ${stderr}`)));
  });
  ready.catch(() => undefined);
  return {
    ready, output: () => stdout, errors: () => stderr,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * The workers' way to WeChat: passes everything to the emulator, but sendall's answer comes back
 * `delayMs` late, AFTER WeChat accepted the send (the emulator's latency fault delays before it accepts).
 */
async function slowAnswers(target: string, delayMs: number): Promise<{ url: string; close(): void }> {
  const server = http.createServer((req, res) => {
    res.on('error', () => undefined);
    const upstream = http.request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (c: Buffer) => chunks.push(c));
      answer.on('end', () => setTimeout(() => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        res.end(Buffer.concat(chunks));
      }, req.url?.startsWith(SENDALL) ? delayMs : 0));
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => { server.closeAllConnections(); server.close(); } };
}

/** Account, a text campaign to all, previewed to the tester, confirmed, scheduled DUE_IN_MS from now; through a real-clock runtime that is then closed. */
async function scheduleCampaign(dataDir: string, emulator: StartedEmulator): Promise<{ id: string; scheduledAt: number }> {
  const config = loadConfig({ DATA_DIR: dataDir, WXOA_MASTER_KEY: MASTER_KEY, ADMIN_TOKEN, LOG_LEVEL: 'silent', WECHAT_API_BASE: emulator.url, BROADCAST_SWEEP_MS: '0' });
  const rt = await buildRuntime(config, { logger: silentLogger, defaultMetrics: false });
  try {
    await rt.accounts.create({ ...TEST_ACCOUNT, appSecret: emulator.account.secret });
    const { id } = await rt.broadcast.create(TEST_ACCOUNT.appId, { name: 'crash', content: { type: 'text', content: '本周活动' }, audience: { kind: 'all' } }, 'crash-test');
    await rt.broadcast.preview(TEST_ACCOUNT.appId, id, { openids: [TESTER] });
    await rt.broadcast.confirm(TEST_ACCOUNT.appId, id, 'crash-test');
    const scheduledAt = Date.now();
    await rt.broadcast.schedule(TEST_ACCOUNT.appId, id, { at: new Date(scheduledAt + DUE_IN_MS).toISOString() });
    return { id, scheduledAt };
  } finally {
    await rt.close();
  }
}

describe('mass send: SIGKILL the worker mid-send, restart', () => {
  let emulator: StartedEmulator | null = null;
  let store: Store | null = null;
  let dataDir: string | null = null;
  let proxy: { url: string; close(): void } | null = null;

  afterEach(async () => {
    await Promise.all([...children].map((c) => new Promise<void>((resolve) => {
      if (c.exitCode !== null || c.signalCode !== null) return resolve();
      c.once('exit', () => resolve());
      c.kill('SIGKILL');
    })));
    await store?.close();
    proxy?.close();
    await emulator?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    store = null;
    proxy = null;
    emulator = null;
    dataDir = null;
  });

  afterAll(() => {
    const count = (p: Phase) => outcomes.filter((o) => o.phase === p).length;
    console.log(`broadcast crash: ${outcomes.length}/${ROUNDS} rounds exactly once; killed before claim ${count('before claim')}, `
      + `mid-send ${outcomes.filter((o) => o.phase.startsWith('mid-send')).length} (WeChat took the first call before the kill ${count('mid-send, WeChat took it before the kill')}, `
      + `after it ${count('mid-send, WeChat took it after the kill')}, never ${count('mid-send, WeChat never took it')}), after send ${count('after send')}\n${outcomes.map((o) => `  round ${o.round}: kill at +${o.killAtMs} ms, sendall latency ${o.latencyMs}+${o.answerDelayMs} ms, sendall calls at kill ${o.sendallsAtKill}, attempts ${o.attempts}: ${o.phase}`).join('\n')}`);
  });

  for (let round = 1; round <= ROUNDS; round++) {
    it(`round ${round}: every follower receives the campaign exactly once`, async () => {
      emulator = await startEmulator();
      for (const openid of [...FOLLOWERS, TESTER]) emulator.emu.follow(TEST_ACCOUNT.appId, openid);
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wxoa-crash-'));
      const { id, scheduledAt } = await scheduleCampaign(dataDir, emulator);
      const latencyMs = rand(0, 300);
      const fault = await fetch(`${emulator.url}/__emulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ path: SENDALL, count: 1, latencyMs }) });
      expect(fault.status).toBe(201);
      const answerDelayMs = rand(0, 300);
      proxy = await slowAnswers(emulator.url, answerDelayMs);

      // Kill between ~1.4 s and ~2.2 s after scheduling (the campaign is due at +1.5 s). Should the worker
      // start slower than that (a loaded machine), the window moves with it, so the kill still lands around the claim.
      const first = startWorker(dataDir, proxy.url);
      const readyAt = await first.ready;
      const killAt = Math.max(scheduledAt + DUE_IN_MS, readyAt) + rand(-100, 700);
      await sleep(killAt - Date.now());
      await first.kill();
      store = openSqliteStore({ dataDir });
      const atKill = (await store.campaigns.get(id))!;
      const stats = await (await fetch(`${emulator.url}/__emulator/accounts/${TEST_ACCOUNT.appId}/stats`)).json() as { apiCalls: Record<string, number> };
      const sendallsAtKill = stats.apiCalls[SENDALL] ?? 0;

      const second = startWorker(dataDir, proxy.url);
      const deadline = Date.now() + 15_000;
      let campaign = (await store.campaigns.get(id))!;
      while (campaign.state !== 'sent' && Date.now() < deadline) {
        await sleep(50);
        campaign = (await store.campaigns.get(id))!;
      }
      await second.kill();
      if (campaign.state !== 'sent') {
        throw new Error(`campaign stuck in ${campaign.state} (at kill: ${atKill.state}, sendall calls ${sendallsAtKill}): ${JSON.stringify(campaign)}\n`
          + `first worker: ${first.output()}${first.errors()}\nsecond worker: ${second.output()}${second.errors()}`);
      }
      await sleep(100); // the emulator delivers on setImmediate after answering

      const massItems = (openid: string) => emulator!.emu.inbox(TEST_ACCOUNT.appId, openid).filter((i) => i.source === 'mass');
      const received = Object.fromEntries(FOLLOWERS.map((f) => [f, massItems(f).length]));
      expect({ round, atKill: atKill.state, reason: campaign.reason, received }).toEqual({ round, atKill: atKill.state, reason: campaign.reason, received: Object.fromEntries(FOLLOWERS.map((f) => [f, 1])) });
      expect(massItems(TESTER)).toHaveLength(2); // the preview, and the send itself
      expect(campaign.msgId).toMatch(/^\d+$/);

      const accepted = /45065/.test(campaign.reason ?? '');
      const phase: Phase = atKill.state === 'scheduled' ? 'before claim'
        : atKill.state === 'sent' ? 'after send'
          : !accepted ? 'mid-send, WeChat never took it'
            : sendallsAtKill > 0 ? 'mid-send, WeChat took it before the kill' : 'mid-send, WeChat took it after the kill';
      if (atKill.state === 'scheduled') expect(campaign.attempts).toBe(1);
      outcomes.push({ round, phase, killAtMs: killAt - scheduledAt, latencyMs, answerDelayMs, attempts: campaign.attempts, sendallsAtKill });
    }, 40_000);
  }
});
