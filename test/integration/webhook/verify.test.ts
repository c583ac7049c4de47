import request from 'supertest';
import { callbackSignature } from '../../../src/wechat';
import { NOW_SECONDS, startTestRuntime, type TestRuntime } from '../../helpers/runtime';
import { TEST_ACCOUNT, toQueryString } from '../../helpers/wechat-client';

describe('URL verification (GET /wechat/:appId)', () => {
  let rt: TestRuntime;
  const modes = ['plaintext', 'compatible', 'safe'] as const;

  beforeAll(async () => {
    rt = await startTestRuntime();
    for (const [i, mode] of modes.entries()) {
      await rt.accounts.create({ ...TEST_ACCOUNT, appId: `wx000000000000000${i}`, encryptionMode: mode });
    }
  });
  afterAll(() => rt.close());

  const signed = (timestamp = String(NOW_SECONDS), nonce = '42') => ({
    signature: callbackSignature(TEST_ACCOUNT.token, timestamp, nonce),
    timestamp,
    nonce,
    echostr: 'echo+/=8123456789中文',
  });

  it.each(modes.map((m, i) => [m, i]))('when the signature is right in %s mode, then echostr comes back byte for byte', async (_mode, i) => {
    const q = signed();
    const res = await request(rt.handler).get(`/wechat/wx000000000000000${i}?${toQueryString(q)}`);
    expect(res.status).toBe(200);
    expect(res.text).toBe(q.echostr);
  });

  it('when the signature is wrong, then 401 and no echo', async () => {
    const q = { ...signed(), signature: 'f'.repeat(40) };
    const res = await request(rt.handler).get(`/wechat/wx0000000000000000?${toQueryString(q)}`);
    expect(res.status).toBe(401);
    expect(res.text).not.toContain(q.echostr);
    expect(res.body.error.code).toBe('signature_invalid');
  });

  it('when the appId is unknown, then 404', async () => {
    const res = await request(rt.handler).get(`/wechat/wx9999999999999999?${toQueryString(signed())}`);
    expect(res.status).toBe(404);
  });

  it('when the timestamp is older than the window, then 401', async () => {
    const res = await request(rt.handler).get(`/wechat/wx0000000000000000?${toQueryString(signed(String(NOW_SECONDS - 301)))}`);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('timestamp_out_of_window');
  });

  it('when the window is set to 0, then an old timestamp is accepted', async () => {
    const lax = await startTestRuntime({ env: { WEBHOOK_MAX_SKEW_SECONDS: '0' } });
    try {
      await lax.accounts.create({ ...TEST_ACCOUNT, appId: 'wx0000000000000000' });
      const q = signed('1409304348');
      const res = await request(lax.handler).get(`/wechat/wx0000000000000000?${toQueryString(q)}`);
      expect(res.status).toBe(200);
      expect(res.text).toBe(q.echostr);
    } finally {
      await lax.close();
    }
  });
});
