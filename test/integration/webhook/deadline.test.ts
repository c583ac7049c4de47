import request from 'supertest';
import { inboundSamples } from '../../fixtures/inbound-samples';
import { NOW_SECONDS, startTestRuntime } from '../../helpers/runtime';
import { TEST_ACCOUNT, toQueryString, wechatRequest } from '../../helpers/wechat-client';

describe('the 5-second budget', () => {
  it('when a handler is slower than the budget, then the webhook answers success in time and queues the reply', async () => {
    let finish!: () => void;
    const done = new Promise<void>((r) => (finish = r));
    const rt = await startTestRuntime({
      env: { WEBHOOK_BUDGET_MS: '100' },
      handlers: {
        text: async () => {
          await new Promise((r) => setTimeout(r, 300));
          setImmediate(finish);
          return { type: 'text', content: 'slow answer' };
        },
      },
    });
    try {
      await rt.accounts.create(TEST_ACCOUNT);
      const { query, body } = wechatRequest(inboundSamples.text!, 'plaintext', { timestamp: NOW_SECONDS });
      const started = Date.now();
      const res = await request(rt.handler).post(`/wechat/${TEST_ACCOUNT.appId}?${toQueryString(query)}`).send(body);
      expect(res.text).toBe('success');
      expect(Date.now() - started).toBeLessThan(290);
      await done;
      await new Promise((r) => setTimeout(r, 20));
      const pending = await rt.store.pendingReplies.listPending(TEST_ACCOUNT.appId, 10);
      expect(pending).toHaveLength(1);
      expect(pending[0]).toMatchObject({ openid: 'oUser0000000000000000000000', reason: 'deadline', reply: { type: 'text', content: 'slow answer' } });
    } finally {
      await rt.close();
    }
  });

  it('when a handler throws, then the webhook answers success and stays healthy', async () => {
    const rt = await startTestRuntime({ handlers: { text: () => { throw new Error('boom'); } } });
    try {
      await rt.accounts.create(TEST_ACCOUNT);
      const { query, body } = wechatRequest(inboundSamples.text!, 'plaintext', { timestamp: NOW_SECONDS });
      const res = await request(rt.handler).post(`/wechat/${TEST_ACCOUNT.appId}?${toQueryString(query)}`).send(body);
      expect(res.status).toBe(200);
      expect(res.text).toBe('success');
    } finally {
      await rt.close();
    }
  });
});
