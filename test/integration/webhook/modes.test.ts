import request from 'supertest';
import { parseXml, type Reply } from '../../../src/wechat';
import type { HandlerMap } from '../../../src/modules/webhook';
import { inboundSamples } from '../../fixtures/inbound-samples';
import { NOW_SECONDS, startTestRuntime, type TestRuntime } from '../../helpers/runtime';
import { openEncryptedReply, TEST_ACCOUNT, toQueryString, wechatRequest, type Mode } from '../../helpers/wechat-client';

const modes: Mode[] = ['plaintext', 'compatible', 'safe'];
const appIdFor = (mode: Mode) => `wx00000000000000${modes.indexOf(mode)}a`;

/** Replies to everything with text naming the kind it saw, so the test sees the dispatch. */
const echo: HandlerMap = { '*': (msg): Reply => ({ type: 'text', content: `got ${msg.kind} <&> ]]> 中文` }) };

describe.each([
  ['no handler', {} as HandlerMap],
  ['an echo handler', echo],
])('every message and event of the protocol, with %s', (_label, handlers) => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await startTestRuntime({ handlers });
    for (const mode of modes) await rt.accounts.create({ ...TEST_ACCOUNT, appId: appIdFor(mode), encryptionMode: mode });
  });
  afterAll(() => rt.close());

  const cases = modes.flatMap((mode) => Object.keys(inboundSamples).map((kind) => [mode, kind] as const));

  it.each(cases)('when WeChat posts it in %s mode (%s), then the answer is what WeChat accepts', async (mode, kind) => {
    const xml = inboundSamples[kind]!;
    const { query, body } = wechatRequest(xml, mode, { timestamp: NOW_SECONDS, appId: appIdFor(mode) });
    const res = await request(rt.handler)
      .post(`/wechat/${appIdFor(mode)}?${toQueryString(query)}`)
      .set('content-type', 'text/xml')
      .send(body);
    expect(res.status).toBe(200);
    if (handlers === echo) {
      const replyXml = mode === 'plaintext' ? res.text : openEncryptedReply(res.text, { appId: appIdFor(mode) });
      const reply = parseXml(replyXml);
      const inbound = parseXml(xml);
      expect(reply.ToUserName).toBe(inbound.FromUserName);
      expect(reply.FromUserName).toBe(inbound.ToUserName);
      expect(reply.MsgType).toBe('text');
      expect(String(reply.Content)).toMatch(/^got \S+ <&> \]\]> 中文$/);
    } else {
      expect(res.text).toBe('success');
    }
  });

  it('when the calls are done, then each one is in the message log with its raw fields as received', async () => {
    await rt.messages.flush();
    for (const mode of modes) {
      const page = await rt.messages.list({ appId: appIdFor(mode), limit: 200, type: undefined });
      const inbound = page.items.filter((m) => m.direction === 'in');
      expect(inbound).toHaveLength(Object.keys(inboundSamples).length);
      const raws = inbound.map((m) => JSON.stringify(m.raw));
      for (const xml of Object.values(inboundSamples)) expect(raws).toContain(JSON.stringify(parseXml(xml)));
      const replies = page.items.filter((m) => m.direction === 'out');
      expect(replies).toHaveLength(handlers === echo ? inbound.length : 0);
    }
  });
});
