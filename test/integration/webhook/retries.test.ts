import Redis from 'ioredis';
import request from 'supertest';
import type { HandlerMap } from '../../../src/modules/webhook';
import { inboundSamples } from '../../fixtures/inbound-samples';
import { NOW_SECONDS, startTestRuntime, type TestRuntime } from '../../helpers/runtime';
import { TEST_ACCOUNT, toQueryString, wechatRequest, type Mode } from '../../helpers/wechat-client';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A handler that is slow enough for WeChat's retries to overlap it, and counts its runs. */
function countingHandlers(delayMs = 150) {
  const runs: string[] = [];
  const handlers: HandlerMap = {
    '*': async (msg) => {
      runs.push(msg.kind);
      await new Promise((r) => setTimeout(r, delayMs));
      return { type: 'text', content: `reply #${runs.length}` };
    },
  };
  return { runs, handlers };
}

const post = (rt: TestRuntime, mode: Mode, xml: string, nonce: string) => {
  const { query, body } = wechatRequest(xml, mode, { timestamp: NOW_SECONDS, nonce });
  return request(rt.handler).post(`/wechat/${TEST_ACCOUNT.appId}?${toQueryString(query)}`).send(body);
};

describe('WeChat retries', () => {
  it.each(['plaintext', 'safe'] as const)('when the same message arrives 3 times at once (%s), then handlers run once and the 3 bodies are identical', async (mode) => {
    const { runs, handlers } = countingHandlers();
    const rt = await startTestRuntime({ handlers });
    try {
      await rt.accounts.create({ ...TEST_ACCOUNT, encryptionMode: mode });
      // WeChat's retries carry the same XML; nonce and signature may differ per attempt.
      const res = await Promise.all(['1', '2', '3'].map((n) => post(rt, mode, inboundSamples.text!, n)));
      expect(runs).toHaveLength(1);
      expect(res.map((r) => r.status)).toEqual([200, 200, 200]);
      expect(new Set(res.map((r) => r.text)).size).toBe(1);
      const late = await post(rt, mode, inboundSamples.text!, '4');
      expect(late.text).toBe(res[0]!.text);
      expect(runs).toHaveLength(1);
      const metrics = await request(rt.handler).get('/metrics');
      expect(metrics.text).toMatch(/wxoa_webhook_dedup_hits_total\{app_id="wxb11529c136998cb6"\} 3/);
    } finally {
      await rt.close();
    }
  });

  it('when two events share CreateTime but differ in Event, then both are handled', async () => {
    const { runs, handlers } = countingHandlers(0);
    const rt = await startTestRuntime({ handlers });
    try {
      await rt.accounts.create(TEST_ACCOUNT);
      await post(rt, 'plaintext', inboundSamples['event:unsubscribe']!, '1');
      await post(rt, 'plaintext', inboundSamples['event:LOCATION']!, '2');
      expect(runs).toEqual(['event:unsubscribe', 'event:LOCATION']);
    } finally {
      await rt.close();
    }
  });

  it('when two instances share Redis and each gets one of 3 concurrent retries, then handlers run once in all and the bodies are identical', async () => {
    const redis = new Redis(REDIS_URL);
    const a = countingHandlers();
    const b = countingHandlers();
    const env = { REDIS_URL };
    const one = await startTestRuntime({ env, handlers: a.handlers });
    const two = await startTestRuntime({ env, handlers: b.handlers, dataDir: one.dataDir });
    try {
      await one.accounts.create(TEST_ACCOUNT);
      // A fresh MsgId per run, so an earlier run's Redis keys cannot satisfy this one.
      const msgId = String(BigInt('24300000000000001') + BigInt(Date.now()));
      const xml = inboundSamples.text!.replace(/<MsgId>\d+<\/MsgId>/, `<MsgId>${msgId}</MsgId>`);
      const res = await Promise.all([post(one, 'plaintext', xml, '1'), post(two, 'plaintext', xml, '2'), post(one, 'plaintext', xml, '3')]);
      expect(a.runs.length + b.runs.length).toBe(1);
      expect(new Set(res.map((r) => r.text)).size).toBe(1);
      expect(res[0]!.text).toContain('reply #1');
    } finally {
      await one.close();
      await two.close();
      redis.disconnect();
    }
  });
});
