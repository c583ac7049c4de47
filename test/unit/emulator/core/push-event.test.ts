import { callbackSignature, MessageCipher, messageSignature, parseXml } from '../../../../src/wechat';
import { ManualClock } from '../../../../src/shared/clock';
import { startEmulator, type StartedEmulator } from '../../../helpers/emulator';
import { startSink } from './webhook-sink';

const MASS_FINISH = {
  Event: 'MASSSENDJOBFINISH',
  MsgID: 1000001625,
  Status: 'send success',
  TotalCount: 2,
  CopyrightCheckResult: { Count: 2, ResultList: { item: [{ ArticleIdx: 1 }, { ArticleIdx: 2 }] }, CheckState: 1 },
  Skipped: null,
};

describe('pushEvent signs and encrypts like WeChat (§1.3)', () => {
  let e: StartedEmulator | undefined;
  afterEach(async () => {
    await e?.close();
    e = undefined;
  });

  it('when the account is in plaintext mode, then the query carries signature/timestamp/nonce/openid and the body is the event XML', async () => {
    const sink = await startSink();
    e = await startEmulator({ clock: new ManualClock(1_700_000_000_000), accounts: [{ webhookUrl: sink.url }] });
    await e.emu.pushEvent(e.account.appId, 'omphelper', MASS_FINISH);
    await sink.close();
    expect(sink.received).toHaveLength(1);
    const { query, body } = sink.received[0]!;
    expect(query.get('timestamp')).toBe('1700000000');
    expect(query.get('openid')).toBe('omphelper');
    expect(query.get('signature')).toBe(callbackSignature('pamtest', '1700000000', query.get('nonce')!));
    expect(query.has('encrypt_type')).toBe(false);
    expect(body).toBe('<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><FromUserName><![CDATA[omphelper]]></FromUserName>'
      + '<CreateTime>1700000000</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[MASSSENDJOBFINISH]]></Event>'
      + '<MsgID>1000001625</MsgID><Status><![CDATA[send success]]></Status><TotalCount>2</TotalCount>'
      + '<CopyrightCheckResult><Count>2</Count><ResultList><item><ArticleIdx>1</ArticleIdx></item><item><ArticleIdx>2</ArticleIdx></item></ResultList>'
      + '<CheckState>1</CheckState></CopyrightCheckResult></xml>');
  });

  it('when the account is in safe mode, then the body is ToUserName + Encrypt only, with a valid msg_signature and our appId inside', async () => {
    const sink = await startSink();
    e = await startEmulator({ clock: new ManualClock(1_700_000_000_000), accounts: [{ webhookUrl: sink.url, mode: 'safe' }] });
    await e.emu.pushEvent(e.account.appId, 'omphelper', MASS_FINISH);
    await sink.close();
    const { query, body } = sink.received[0]!;
    const envelope = parseXml(body);
    expect(Object.keys(envelope)).toEqual(['ToUserName', 'Encrypt']);
    expect(query.get('encrypt_type')).toBe('aes');
    expect(query.get('signature')).toBe(callbackSignature('pamtest', query.get('timestamp')!, query.get('nonce')!));
    expect(query.get('msg_signature')).toBe(messageSignature('pamtest', query.get('timestamp')!, query.get('nonce')!, envelope.Encrypt as string));
    const inner = new MessageCipher(e.account.encodingAESKey!, e.account.appId).decrypt(envelope.Encrypt as string);
    expect(parseXml(inner)).toMatchObject({ Event: 'MASSSENDJOBFINISH', MsgID: '1000001625' });
  });

  it('when the account is in compatible mode, then the plaintext fields travel with an Encrypt of the same XML', async () => {
    const sink = await startSink();
    e = await startEmulator({ accounts: [{ webhookUrl: sink.url, mode: 'compatible' }] });
    await e.emu.pushEvent(e.account.appId, 'omphelper', { Event: 'TEMPLATESENDJOBFINISH', MsgID: 7, Status: 'success' });
    await sink.close();
    const fields = parseXml(sink.received[0]!.body);
    expect(fields).toMatchObject({ Event: 'TEMPLATESENDJOBFINISH', Status: 'success', Encrypt: expect.any(String) });
    const inner = new MessageCipher(e.account.encodingAESKey!, e.account.appId).decrypt(fields.Encrypt as string);
    expect(sink.received[0]!.body).toBe(inner.replace('</xml>', `<Encrypt><![CDATA[${fields.Encrypt as string}]]></Encrypt></xml>`));
  });

  it('when the webhook never answers, then it is tried 3 times in total with the same request and pushEvent still resolves', async () => {
    const sink = await startSink(() => null);
    e = await startEmulator({ accounts: [{ webhookUrl: sink.url }], webhookTimeoutMs: 100 });
    await expect(e.emu.pushEvent(e.account.appId, 'omphelper', { Event: 'PUBLISHJOBFINISH' })).resolves.toBeUndefined();
    await sink.close();
    expect(sink.received).toHaveLength(3);
    expect(new Set(sink.received.map((r) => r.body)).size).toBe(1);
    expect(new Set(sink.received.map((r) => r.query.toString())).size).toBe(1);
  });

  it('when the webhook is unreachable or unset or the account unknown, then pushEvent resolves without throwing', async () => {
    e = await startEmulator({ accounts: [{ webhookUrl: 'http://127.0.0.1:1/wechat' }], webhookTimeoutMs: 100 });
    await expect(e.emu.pushEvent(e.account.appId, 'o', { Event: 'x' })).resolves.toBeUndefined();
    await expect(e.emu.pushEvent('wx0000000000000000', 'o', { Event: 'x' })).resolves.toBeUndefined();
  });
});
