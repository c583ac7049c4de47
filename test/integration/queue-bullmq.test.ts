import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { BullmqJobRunner, type BullmqJobRunnerOptions } from '../../src/queue/bullmq/bullmq-runner';
import type { JobDefinition } from '../../src/queue/queue';
import { silentLogger } from '../../src/shared/logger';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const JOB = 'test.tick';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Run { by: string; at: number }

/**
 * One "process": its own BullMQ connection and runner. Every runner of a case shares the case's
 * prefix, i.e. one queue in Redis, as separate `wxoa worker` processes would.
 */
class Harness {
  readonly prefix = `wxoa-test:${randomUUID()}`;
  readonly runs: Run[] = [];
  private readonly connections: Redis[] = [];
  private readonly runners: BullmqJobRunner[] = [];

  async runner(
    by: string, everyMs: number, run: () => Promise<unknown> = async () => undefined, options: Partial<BullmqJobRunnerOptions> = {},
    nextRunAt?: JobDefinition['nextRunAt'],
  ): Promise<BullmqJobRunner> {
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    this.connections.push(connection);
    const job: JobDefinition = {
      name: JOB,
      everyMs,
      run: async () => {
        this.runs.push({ by, at: performance.now() });
        return run();
      },
      ...(nextRunAt ? { nextRunAt } : {}),
    };
    const runner = new BullmqJobRunner([job], { connection, logger: silentLogger, prefix: this.prefix, ...options });
    this.runners.push(runner);
    await runner.start();
    return runner;
  }

  runsBetween(from: number, to: number): Run[] {
    return this.runs.filter((r) => r.at >= from && r.at < to);
  }

  async close(): Promise<void> {
    await Promise.all(this.runners.map((r) => r.stop()));
    const redis = new Redis(REDIS_URL);
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${this.prefix}:*`, 'COUNT', 1000);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
      for (const c of this.connections) c.disconnect();
    }
  }
}

/** The smallest gap between consecutive runs: a tick run twice shows up as two runs a few ms apart. */
function smallestGap(runs: Run[]): number {
  const at = runs.map((r) => r.at).sort((a, b) => a - b);
  return Math.min(...at.slice(1).map((t, i) => t - at[i]!));
}

describe('BullMQ job runner (Redis)', () => {
  let h: Harness;
  beforeEach(() => { h = new Harness(); });
  afterEach(async () => { await h.close(); });

  it('when a job runs every 200 ms, then it runs on every tick', async () => {
    await h.runner('a', 200);
    await sleep(300); // the first tick
    const from = performance.now();
    await sleep(2_000);
    const runs = h.runsBetween(from, performance.now());
    // 10 ticks in 2 s; a tick that straddles the window's edge may fall either side (and a busy CI machine runs late).
    expect(runs.length).toBeGreaterThanOrEqual(5);
    expect(runs.length).toBeLessThanOrEqual(11);
  });

  it('when the job knows its next due moment, then it runs at that moment, not a whole interval later, and once with two processes planning it', async () => {
    const dueAtWall = Date.now() + 1_500;
    const dueAt = performance.now() + 1_500;
    // Due once: after the run at the due moment there is nothing more to wake for.
    const next = async () => (Date.now() < dueAtWall ? new Date(dueAtWall) : null);
    await h.runner('a', 60_000, undefined, {}, next);
    await h.runner('b', 60_000, undefined, {}, next);
    await sleep(2_500);
    const atDue = h.runsBetween(dueAt - 50, dueAt + 1_000);
    expect(atDue).toHaveLength(1);
    // Well before the 60 s tick; BullMQ's delayed-job timer is what remains.
    expect(atDue[0]!.at - dueAt).toBeLessThan(500);
  });

  it('when two processes run the same schedule, then each tick runs once in total', async () => {
    await h.runner('a', 200);
    await h.runner('b', 200);
    await sleep(300);
    const from = performance.now();
    await sleep(3_000);
    const runs = h.runsBetween(from, performance.now());
    // 15 ticks in 3 s; a tick run by both processes would show as up to 30, and as two runs close together.
    // The lower bound is loose on purpose: a loaded CI machine may delay ticks, which is not what this checks.
    expect(runs.length).toBeGreaterThanOrEqual(5);
    expect(runs.length).toBeLessThanOrEqual(16);
    expect(smallestGap(runs)).toBeGreaterThan(60);
  });

  it('when one process stops mid-way, then the other keeps every tick, and a process started later takes part', async () => {
    const a = await h.runner('a', 200);
    const b = await h.runner('b', 200);
    await sleep(1_000);
    await a.stop();
    const afterStop = performance.now();
    await sleep(2_000);
    const alone = h.runsBetween(afterStop, performance.now());
    expect(alone.length).toBeGreaterThanOrEqual(4);
    expect(alone.length).toBeLessThanOrEqual(11);
    expect(alone.every((r) => r.by === 'b')).toBe(true);

    await b.stop();
    const allStopped = performance.now();
    await sleep(1_000);
    expect(h.runsBetween(allStopped + 50, performance.now())).toHaveLength(0);

    await h.runner('c', 200);
    const restarted = performance.now();
    await sleep(2_000);
    const resumed = h.runsBetween(restarted, performance.now());
    // The tick that fell due while nobody ran is taken at once, then every tick again: no backlog of missed ticks.
    expect(resumed.length).toBeGreaterThanOrEqual(4);
    expect(resumed.length).toBeLessThanOrEqual(12);
    expect(resumed.every((r) => r.by === 'c')).toBe(true);
  });

  it('when a run throws, then the tick is retried with backoff and a later attempt succeeds', async () => {
    let calls = 0;
    const flaky = async () => {
      calls += 1;
      if (calls <= 2) throw new Error('transient');
      return 'ok';
    };
    await h.runner('a', 60_000, flaky, { backoffMs: 50 });
    const start = performance.now();
    while (calls < 3 && performance.now() - start < 5_000) await sleep(20);
    expect(calls).toBe(3);
    await sleep(500);
    expect(calls).toBe(3); // the third attempt succeeded: that tick is done
  });

  it('when every attempt throws, then each tick is tried 3 times and later ticks still run', async () => {
    const tries: number[] = [];
    await h.runner('a', 1_000, async () => {
      tries.push(performance.now());
      throw new Error('always');
    }, { backoffMs: 50 });
    await sleep(3_700);
    // Group the tries by tick: retries come 50 then 100 ms apart, ticks 1 s apart.
    const ticks: number[][] = [];
    for (const at of tries) {
      const last = ticks.at(-1);
      if (last && at - last[0]! < 500) last.push(at);
      else ticks.push([at]);
    }
    const settled = ticks.filter((t) => t[0]! < tries[0]! + 3_000); // the last tick may still be retrying
    expect(settled.length).toBeGreaterThanOrEqual(3);
    for (const t of settled) expect(t).toHaveLength(3);
  });
});
