import request from 'supertest';
import { parseXml } from '../../src/wechat';
import { inboundSamples } from '../fixtures/inbound-samples';
import { ADMIN_TOKEN, NOW_SECONDS, startTestRuntime } from '../helpers/runtime';
import { TEST_ACCOUNT, toQueryString, wechatRequest } from '../helpers/wechat-client';

describe('embedded profile (no Redis): rules changed by another process', () => {
  it('when a rule is changed through another process on the same data directory, then the server answers with it within the revalidation interval', async () => {
    const server = await startTestRuntime({ env: { RULES_REVALIDATE_MS: '100' } });
    // Another process on the same SQLite file, as `wxoa rules import` is: no bus reaches the server.
    const cli = await startTestRuntime({ dataDir: server.dataDir });
    try {
      await server.accounts.create(TEST_ACCOUNT);
      let msgId = BigInt('24300000000000001') + BigInt(Date.now()) * 1000n;
      const ask = async () => {
        msgId += 1n;
        const xml = inboundSamples.text!.replace(/<MsgId>\d+<\/MsgId>/, `<MsgId>${msgId}</MsgId>`);
        const { query, body } = wechatRequest(xml, 'plaintext', { timestamp: NOW_SECONDS });
        const res = await request(server.handler).post(`/wechat/${TEST_ACCOUNT.appId}?${toQueryString(query)}`).send(body);
        return res.text === 'success' ? 'success' : String(parseXml(res.text).Content);
      };
      expect(await ask()).toBe('success'); // no rules yet; the empty set is now compiled and cached

      const created = await request(cli.handler)
        .post(`/api/v1/accounts/${TEST_ACCOUNT.appId}/auto-replies`)
        .set('authorization', `Bearer ${ADMIN_TOKEN}`)
        .send({ name: 'hello', trigger: { kind: 'keyword', keywords: [{ text: 'hello', mode: 'exact' }] }, replies: [{ type: 'text', content: 'from the CLI' }] });
      expect(created.status).toBe(201);

      const started = Date.now();
      let answer = await ask();
      while (answer !== 'from the CLI' && Date.now() - started < 2000) {
        await new Promise((r) => setTimeout(r, 20));
        answer = await ask();
      }
      expect(answer).toBe('from the CLI');
    } finally {
      await cli.close();
      await server.close();
    }
  });
});
