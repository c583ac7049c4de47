// Slot precision: 1 000 accounts × 3 slots of mass sends through the embedded profile (SQLite file,
// the local scheduler, CampaignSender), each campaign's lateness = when its sendall was called − its
// due time. WeChat is a stand-in that answers after SENDALL_MS, like a round trip to its API; every
// account's campaign of a slot is due at the same instant, as at 11:00 in real life. The baseline is
// the event loop itself in the same process: plain timers set for the same instants.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineJobs } from '../jobs';
import { CampaignSender, clientMsgIdFor, type BroadcastPlatform, type Campaign } from '../src/modules/broadcast';
import { HousekeepingService } from '../src/modules/housekeeping';
import { LocalScheduler } from '../src/queue/local/local-scheduler';
import { systemClock } from '../src/shared/clock';
import { silentLogger } from '../src/shared/logger';
import { openSqliteStore } from '../src/store/sqlite';

const ACCOUNTS = Number(process.env.BENCH_SCHED_ACCOUNTS ?? 1000);
const SLOTS = 3;
const SLOT_GAP_MS = 3000;
const SENDALL_MS = 50;
/** The server's poll interval (BROADCAST_SWEEP_MS's default): the scheduler must not depend on it to be on time. */
const SWEEP_MS = 15_000;

interface Lateness { p50: number; p99: number; max: number }

function summarize(samples: number[]): Lateness {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: s[Math.floor(s.length * 0.5)]!, p99: s[Math.floor(s.length * 0.99)]!, max: s[s.length - 1]! };
}

function campaign(appId: string, slot: number, dueAt: string): Campaign {
  const id = `${appId}-slot${slot}`;
  return {
    id, appId, name: id, content: { type: 'text', content: 'bench' }, audience: { kind: 'all' }, state: 'scheduled', clientMsgId: clientMsgIdFor(id),
    preview: null, confirmation: { by: 'bench', at: dueAt }, sendTime: { at: dueAt }, dueAt, attempts: 0, firstAttemptAt: null, leaseUntil: null,
    msgId: null, msgDataId: null, sentAt: null, reason: null, results: null, createdBy: 'bench', createdAt: dueAt, updatedAt: dueAt,
  };
}

async function ours(firstDue: number): Promise<number[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wxoa-bench-sched-'));
  const store = openSqliteStore({ dataDir });
  const calledAt = new Map<string, number>();
  const mass = {
    async sendAll(req: { clientMsgId?: string }) {
      calledAt.set(req.clientMsgId!, Date.now());
      await new Promise((r) => setTimeout(r, SENDALL_MS));
      return { outcome: 'submitted' as const, msgId: String(calledAt.size), msgDataId: null };
    },
    async send(): Promise<never> { throw new Error('not used'); },
    async preview(): Promise<void> {},
    async get(): Promise<never> { throw new Error('not used'); },
  };
  const platform: BroadcastPlatform = { forAccount: async () => ({ mass }), isTransient: () => false };
  const due = new Map<string, number>();
  for (let slot = 0; slot < SLOTS; slot++) {
    for (let a = 0; a < ACCOUNTS; a++) {
      const at = firstDue + slot * SLOT_GAP_MS;
      const c = campaign(`wx${String(a).padStart(16, '0')}`, slot, new Date(at).toISOString());
      await store.campaigns.insert(c);
      due.set(c.clientMsgId, at);
    }
  }
  const sender = new CampaignSender({ repo: store.campaigns, platform, clock: systemClock, logger: silentLogger });
  // The product's job definitions, the mass-send one alone (no accounts exist for the chores to touch).
  const housekeeping = new HousekeepingService({ accounts: { list: async () => [] }, reminders: store.reminders, tokens: { refresh: async () => undefined }, clock: systemClock, logger: silentLogger });
  const jobs = defineJobs({ sender, broadcastSweepMs: SWEEP_MS, housekeeping, analytics: { runDaily: async () => [] } }).filter((j) => j.name === 'broadcast.send-due');
  const scheduler = new LocalScheduler(jobs, silentLogger);
  scheduler.start();
  const deadline = firstDue + SLOTS * SLOT_GAP_MS + 30_000;
  while (calledAt.size < due.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  await scheduler.stop();
  await store.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (calledAt.size < due.size) throw new Error(`only ${calledAt.size} of ${due.size} campaigns were sent`);
  return [...due].map(([id, at]) => calledAt.get(id)! - at);
}

async function timers(firstDue: number): Promise<number[]> {
  const lateness: number[] = [];
  await Promise.all(Array.from({ length: SLOTS * ACCOUNTS }, (_, i) => {
    const at = firstDue + Math.floor(i / ACCOUNTS) * SLOT_GAP_MS;
    return new Promise<void>((resolve) => setTimeout(() => { lateness.push(Date.now() - at); resolve(); }, at - Date.now()));
  }));
  return lateness;
}

export async function runSchedulingBench(): Promise<void> {
  process.stdout.write(`\nmass-send slots: ${ACCOUNTS.toLocaleString('en-US')} accounts × ${SLOTS} slots, every account due at the same instant, sendall answering in ${SENDALL_MS} ms:\n`);
  const base = summarize(await timers(Date.now() + 1000));
  const mine = summarize(await ours(Date.now() + 4000));
  const row = (name: string, l: Lateness) => `  ${name.padEnd(34)} p50 ${String(l.p50).padStart(5)} ms   p99 ${String(l.p99).padStart(5)} ms   max ${String(l.max).padStart(5)} ms\n`;
  process.stdout.write(row('plain timers (the event loop)', base) + row('wxoa (SQLite, scheduler, sender)', mine));
  process.stdout.write(`  p99 lateness ${mine.p99} ms   target < 1000 ms   ${mine.p99 < 1000 ? 'PASS' : 'FAIL'}   (${(mine.p99 - base.p99).toFixed(0)} ms over the event loop's own)\n`);
}
