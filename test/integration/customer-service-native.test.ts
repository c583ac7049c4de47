import request from 'supertest';
import { ADMIN_TOKEN, NOW_SECONDS, startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { TEST_ACCOUNT, toQueryString, wechatRequest } from '../helpers/wechat-client';

/**
 * Native mode (WeChat's own kf system): a message that needs a person is answered with
 * transfer_customer_service naming the kf account routing chose, and WeChat's kf session events
 * move the conversation. Signed plaintext callbacks straight to the webhook, replies read as bytes.
 */
const FAN = 'oFan000000000000000000000009';
const GH = TEST_ACCOUNT.originalId;

const textXml = (content: string, at: number, msgId: string) =>
  `<xml><ToUserName><![CDATA[${GH}]]></ToUserName><FromUserName><![CDATA[${FAN}]]></FromUserName><CreateTime>${at}</CreateTime>`
  + `<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${msgId}</MsgId></xml>`;
const kfXml = (event: string, at: number, inner: string) =>
  `<xml><ToUserName><![CDATA[${GH}]]></ToUserName><FromUserName><![CDATA[${FAN}]]></FromUserName><CreateTime>${at}</CreateTime>`
  + `<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[${event}]]></Event>${inner}</xml>`;

describe('customer service in native mode (transfer_customer_service and kf events)', () => {
  let rt: TestRuntime;
  const admin = () => request.agent(rt.handler).set('authorization', `Bearer ${ADMIN_TOKEN}`);
  const post = async (xml: string, at: number) => {
    rt.clock.set(at * 1000);
    const { query, body } = wechatRequest(xml, 'plaintext', { timestamp: at });
    const res = await request(rt.handler).post(`/wechat/${TEST_ACCOUNT.appId}?${toQueryString(query)}`).set('content-type', 'text/xml').send(body);
    expect(res.status).toBe(200);
    return res.text;
  };
  const conversation = async () => (await rt.store.conversations.list({ appId: TEST_ACCOUNT.appId, limit: 10 }))[0];
  const settle = () => new Promise((r) => setTimeout(r, 30)); // kf events are filed in the background

  beforeAll(async () => {
    rt = await startTestRuntime();
    await rt.accounts.create(TEST_ACCOUNT);
    await admin().patch(`/api/v1/accounts/${TEST_ACCOUNT.appId}/desk`).send({ mode: 'native' }).expect(200);
    await admin().post('/api/v1/agents').send({ id: 'bob', name: 'Bob', appIds: [TEST_ACCOUNT.appId], kfAccount: 'bob@test_oa' }).expect(201);
    await admin().put('/api/v1/agents/bob/status').send({ status: 'online' }).expect(200);
  });
  afterAll(() => rt.close());

  it('when a follower message needs a person, then the reply is exactly transfer_customer_service to the routed kf account', async () => {
    const reply = await post(textXml('我要投诉', NOW_SECONDS, '7300000000000000001'), NOW_SECONDS);
    expect(reply).toBe(
      `<xml><ToUserName><![CDATA[${FAN}]]></ToUserName><FromUserName><![CDATA[${GH}]]></FromUserName><CreateTime>${NOW_SECONDS}</CreateTime>`
      + '<MsgType><![CDATA[transfer_customer_service]]></MsgType><TransInfo><KfAccount><![CDATA[bob@test_oa]]></KfAccount></TransInfo></xml>',
    );
    expect(await conversation()).toMatchObject({ openid: FAN, mode: 'native', state: 'waiting', reason: 'no_rule', kfAccount: null });
  });

  it('when WeChat reports kf_create_session, kf_switch_session and kf_close_session, then the conversation is taken, moved and closed', async () => {
    await post(kfXml('kf_create_session', NOW_SECONDS + 30, '<KfAccount><![CDATA[bob@test_oa]]></KfAccount>'), NOW_SECONDS + 30);
    await settle();
    expect(await conversation()).toMatchObject({ state: 'assigned', kfAccount: 'bob@test_oa' });

    await post(kfXml('kf_switch_session', NOW_SECONDS + 60, '<FromKfAccount><![CDATA[bob@test_oa]]></FromKfAccount><ToKfAccount><![CDATA[carol@test_oa]]></ToKfAccount>'), NOW_SECONDS + 60);
    await settle();
    expect(await conversation()).toMatchObject({ state: 'assigned', kfAccount: 'carol@test_oa' });

    await post(kfXml('kf_close_session', NOW_SECONDS + 90, '<KfAccount><![CDATA[carol@test_oa]]></KfAccount>'), NOW_SECONDS + 90);
    await settle();
    expect(await conversation()).toMatchObject({ state: 'closed', closedBy: 'kf' });
  });

  it('when no kf agent is free, then the transfer names nobody (WeChat queues the follower for any agent)', async () => {
    await admin().put('/api/v1/agents/bob/status').send({ status: 'offline' }).expect(200);
    const reply = await post(textXml('人工', NOW_SECONDS + 120, '7300000000000000002'), NOW_SECONDS + 120);
    expect(reply).toContain('<MsgType><![CDATA[transfer_customer_service]]></MsgType></xml>');
  });
});
