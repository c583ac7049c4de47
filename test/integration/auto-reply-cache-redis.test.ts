import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import request from 'supertest';
import { RedisCooldownStore } from '../../src/store/redis/cooldown-store';
import { RedisRuleChangeBus } from '../../src/store/redis/rule-change-bus';
import { ADMIN_TOKEN, startTestRuntime } from '../helpers/runtime';
import { TEST_ACCOUNT } from '../helpers/wechat-client';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const BASE = `/api/v1/accounts/${TEST_ACCOUNT.appId}/auto-replies`;

/** Polls until `check` holds; resolves with the milliseconds it took, or rejects after `limitMs`. */
async function within(limitMs: number, check: () => Promise<boolean>): Promise<number> {
  const start = performance.now();
  while (!(await check())) {
    if (performance.now() - start > limitMs) throw new Error(`not within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 2));
  }
  return performance.now() - start;
}

describe('rule changes across instances (Redis)', () => {
  it('when a rule is created through one instance, then the other compiles it into its cache within 1 s', async () => {
    const env = { REDIS_URL };
    const one = await startTestRuntime({ env });
    const two = await startTestRuntime({ env, dataDir: one.dataDir });
    try {
      await one.accounts.create(TEST_ACCOUNT);
      // Instance two has compiled (an empty rule set) and would keep answering from it without the bus.
      expect((await two.rulesCache.compiledFor(TEST_ACCOUNT.appId)).size).toBe(0);
      // Measured from before the write: the request itself, the publish and the rebuild on the other side.
      const start = performance.now();
      const created = await request(one.handler).post(BASE).set('authorization', `Bearer ${ADMIN_TOKEN}`)
        .send({ name: 'hi', trigger: { kind: 'keyword', keywords: [{ text: 'hi', mode: 'exact' }] }, replies: [{ type: 'text', content: 'hello' }] });
      expect(created.status).toBe(201);
      await within(1000, async () => (await two.rulesCache.compiledFor(TEST_ACCOUNT.appId)).size === 1);
      const ms = performance.now() - start;
      expect(ms).toBeLessThan(1000);
      // And it answers with it: the dry run on instance two sees the rule created on one.
      const test = await request(two.handler).post(`${BASE}/test`).set('authorization', `Bearer ${ADMIN_TOKEN}`).send({ message: { type: 'text', content: 'hi' } });
      expect(test.body.matched).toMatchObject({ ruleId: created.body.id });
      process.stdout.write(`rule change reached the other instance in ${ms.toFixed(1)} ms\n`);
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('when a bus publishes, then its own listeners hear it at once and only once (its echo from Redis is skipped), others hear it once', async () => {
    const channel = `wxoa:test:rules:${randomUUID()}`;
    const [pubA, subA, pubB, subB] = [new Redis(REDIS_URL), new Redis(REDIS_URL), new Redis(REDIS_URL), new Redis(REDIS_URL)];
    const a = new RedisRuleChangeBus(pubA, subA, { channel });
    const b = new RedisRuleChangeBus(pubB, subB, { channel });
    const heardA: string[] = [];
    const heardB: string[] = [];
    try {
      await a.subscribe((id) => heardA.push(id));
      await b.subscribe((id) => heardB.push(id));
      const sent = a.publish('wx1');
      expect(heardA).toEqual(['wx1']); // before the round trip to Redis
      await sent;
      await within(1000, async () => heardB.length === 1);
      await new Promise((r) => setTimeout(r, 50)); // time for a (wrongly) delivered echo to arrive
      expect(heardA).toEqual(['wx1']);
      expect(heardB).toEqual(['wx1']);
      // A dropped subscription may have missed messages: on reconnect every cached account is dropped.
      subB.disconnect(true);
      await within(2000, async () => heardB.includes('*'));
    } finally {
      await a.close();
      await b.close();
      for (const c of [pubA, subA, pubB, subB]) c.disconnect();
    }
  });

  it('when two instances take the same cool-down, then only one gets it', async () => {
    const redis = new Redis(REDIS_URL);
    try {
      const prefix = `wxoa:test:cooldown:${randomUUID()}:`;
      const [x, y] = [new RedisCooldownStore(redis, prefix), new RedisCooldownStore(redis, prefix)];
      const results = await Promise.all([x.take('app:o1', 60), y.take('app:o1', 60)]);
      expect(results.sort()).toEqual([false, true]);
      expect(await x.take('app:o2', 60)).toBe(true);
      expect(await redis.ttl(`${prefix}app:o1`)).toBeGreaterThan(55);
    } finally {
      redis.disconnect();
    }
  });
});
