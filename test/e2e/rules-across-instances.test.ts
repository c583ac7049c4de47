import request from 'supertest';
import { parseXml } from '../../src/wechat';
import { inboundSamples } from '../fixtures/inbound-samples';
import { ADMIN_TOKEN, NOW_SECONDS, startTestRuntime } from '../helpers/runtime';
import { TEST_ACCOUNT, toQueryString, wechatRequest } from '../helpers/wechat-client';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('two server instances sharing Redis', () => {
  it('when a rule is edited through one instance, then the other answers with it within 1 s', async () => {
    const one = await startTestRuntime({ env: { REDIS_URL } });
    const two = await startTestRuntime({ env: { REDIS_URL }, dataDir: one.dataDir });
    try {
      await one.accounts.create(TEST_ACCOUNT);
      const rules = `/api/v1/accounts/${TEST_ACCOUNT.appId}/auto-replies`;
      const admin = (path: string) => request(one.handler).post(path).set('authorization', `Bearer ${ADMIN_TOKEN}`);
      const created = await admin(rules).send({ name: 'v1', trigger: { kind: 'keyword', keywords: [{ text: 'hello', mode: 'exact' }] }, replies: [{ type: 'text', content: 'first answer' }] });
      expect(created.status).toBe(201);

      let msgId = BigInt('24300000000000001') + BigInt(Date.now()) * 1000n;
      const askTwo = async () => {
        msgId += 1n; // a new message each time, so retry dedup never answers from cache
        const xml = inboundSamples.text!.replace(/<MsgId>\d+<\/MsgId>/, `<MsgId>${msgId}</MsgId>`);
        const { query, body } = wechatRequest(xml, 'plaintext', { timestamp: NOW_SECONDS });
        const res = await request(two.handler).post(`/wechat/${TEST_ACCOUNT.appId}?${toQueryString(query)}`).send(body);
        return res.text === 'success' ? 'success' : String(parseXml(res.text).Content);
      };
      expect(await askTwo()).toBe('first answer');

      const edited = request(one.handler).patch(`${rules}/${created.body.id}`).set('authorization', `Bearer ${ADMIN_TOKEN}`);
      const started = Date.now();
      expect((await edited.send({ replies: [{ type: 'text', content: 'second answer' }] })).status).toBe(200);
      let answer = await askTwo();
      while (answer !== 'second answer' && Date.now() - started < 1000) {
        await new Promise((r) => setTimeout(r, 10));
        answer = await askTwo();
      }
      expect(answer).toBe('second answer');
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      await one.close();
      await two.close();
    }
  });
});
