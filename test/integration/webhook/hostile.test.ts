import crypto from 'node:crypto';
import request from 'supertest';
import { inboundSamples } from '../../fixtures/inbound-samples';
import { NOW_SECONDS, startTestRuntime, type TestRuntime } from '../../helpers/runtime';
import { TEST_ACCOUNT, toQueryString, wechatRequest } from '../../helpers/wechat-client';

const XXE = `<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><FromUserName>&xxe;</FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content>x</Content><MsgId>1</MsgId></xml>`;
const LAUGHS = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><xml><Content>&lol3;</Content></xml>`;

describe('hostile and broken callbacks', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await startTestRuntime();
    await rt.accounts.create({ ...TEST_ACCOUNT, encryptionMode: 'plaintext' });
    await rt.accounts.create({ ...TEST_ACCOUNT, appId: 'wx000000000000safe', encryptionMode: 'safe' });
  });
  afterAll(() => rt.close());

  const post = (body: string | Buffer, appId = TEST_ACCOUNT.appId, query = wechatRequest('', 'plaintext', { timestamp: NOW_SECONDS }).query) =>
    request(rt.handler).post(`/wechat/${appId}?${toQueryString(query)}`).set('content-type', 'text/xml').send(body);

  afterEach(async () => {
    const health = await request(rt.handler).get('/healthz');
    expect(health.status).toBe(200);
  });

  it('when the body is over 256 KiB, then 413', async () => {
    const res = await post('<xml>' + 'a'.repeat(256 * 1024) + '</xml>');
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('when the body declares an external entity (XXE), then 400 and nothing is resolved', async () => {
    const res = await post(XXE);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('xml_dtd_refused');
    expect(res.text).not.toContain('root:');
  });

  it('when the body is a billion-laughs bomb, then 400', async () => {
    const res = await post(LAUGHS);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('xml_dtd_refused');
  });

  it('when the XML is malformed, then 400', async () => {
    const res = await post('<xml><ToUserName>gh_0123456789ab</ToUser');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('xml_malformed');
  });

  it('when the body is random bytes, then 4xx', async () => {
    for (let i = 0; i < 20; i++) {
      const res = await post(crypto.randomBytes(1 + i * 37));
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
  });

  it('when the signature is wrong, then 401 and it is counted', async () => {
    const { query, body } = wechatRequest(inboundSamples.text!, 'plaintext', { timestamp: NOW_SECONDS, token: 'othertoken' });
    const res = await post(body, TEST_ACCOUNT.appId, query);
    expect(res.status).toBe(401);
    const metrics = await request(rt.handler).get('/metrics');
    expect(metrics.text).toMatch(/wxoa_webhook_signature_failures_total\{app_id="wxb11529c136998cb6"\} [1-9]/);
  });

  it('when a replayed callback is older than the window, then 401', async () => {
    const { query, body } = wechatRequest(inboundSamples.text!, 'plaintext', { timestamp: NOW_SECONDS - 3600 });
    const res = await post(body, TEST_ACCOUNT.appId, query);
    expect(res.status).toBe(401);
  });

  it('when ToUserName is not the account original id, then 400', async () => {
    const xml = inboundSamples.text!.replace('gh_0123456789ab', 'gh_ffffffffffff');
    const { query, body } = wechatRequest(xml, 'plaintext', { timestamp: NOW_SECONDS });
    const res = await post(body, TEST_ACCOUNT.appId, query);
    expect(res.status).toBe(400);
  });

  it('when a safe-mode account gets a plaintext body, then 400 (no downgrade)', async () => {
    const { query, body } = wechatRequest(inboundSamples.text!, 'plaintext', { timestamp: NOW_SECONDS });
    const res = await post(body, 'wx000000000000safe', query);
    expect(res.status).toBe(400);
  });

  it('when the msg_signature does not match the ciphertext, then 401', async () => {
    const { query, body } = wechatRequest(inboundSamples.text!, 'safe', { timestamp: NOW_SECONDS, appId: 'wx000000000000safe' });
    const res = await post(body, 'wx000000000000safe', { ...query, msg_signature: '0'.repeat(40) });
    expect(res.status).toBe(401);
  });

  it('when the ciphertext was made for another appId, then 400', async () => {
    const { query, body } = wechatRequest(inboundSamples.text!, 'safe', { timestamp: NOW_SECONDS, appId: 'wx1111111111111111' });
    const res = await post(body, 'wx000000000000safe', query);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('appid_mismatch');
  });
});
