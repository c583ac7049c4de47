import { renderCallback } from '../../../../src/emulator/core/xml-build';
import { inboundShape, nextMsgId } from '../../../../src/emulator/core/follower-xml';
import { parseAction, type SimulatedAction } from '../../../../src/emulator/core/follower-input';
import { parseXml, toInboundMessage } from '../../../../src/wechat';

/** Renders an action as the emulator sends it and reads it back with our own protocol parser. */
function roundTrip(action: SimulatedAction) {
  const msgId = nextMsgId(1_700_000_000);
  const shape = inboundShape(parseAction(action as unknown as Record<string, unknown>), msgId);
  const xml = renderCallback({ toUserName: 'gh_0123456789ab', fromUserName: 'oFan', createTime: 1_700_000_000, msgType: shape.msgType }, shape.fields);
  return { xml, raw: parseXml(xml), msg: toInboundMessage(parseXml(xml)), msgId };
}

describe('the simulated follower builds §2 XML', () => {
  it('when a text is sent, then Content is CDATA and MsgId is a bare integer beyond 2^53', () => {
    const { xml, msg, msgId } = roundTrip({ type: 'text', content: 'a <b> & ]]> c' });
    expect(xml).toContain(`<MsgId>${msgId}</MsgId>`);
    expect(BigInt(msgId) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(msg).toMatchObject({ kind: 'text', content: 'a <b> & ]]> c', createTime: 1_700_000_000, msgId });
  });

  it('when two messages are sent in the same second, then their MsgIds differ', () => {
    expect(nextMsgId(1_700_000_000)).not.toBe(nextMsgId(1_700_000_000));
  });

  it('when a location message is sent, then Location_X/Location_Y/Scale are bare numbers and Label is text', () => {
    const { xml, raw } = roundTrip({ type: 'location', x: 23.134521, y: 113.358803, scale: 20, label: '广州' });
    expect(xml).toContain('<Location_X>23.134521</Location_X><Location_Y>113.358803</Location_Y><Scale>20</Scale><Label><![CDATA[广州]]></Label>');
    expect(raw.MsgType).toBe('location');
  });

  it('when a voice with recognition is sent, then Format and Recognition are present', () => {
    expect(roundTrip({ type: 'voice', recognition: '你好' }).raw).toMatchObject({ MsgType: 'voice', Format: 'amr', Recognition: '你好', MediaId: expect.any(String) });
  });

  it('when a follow comes through a QR scene, then EventKey is qrscene_<scene> with a Ticket and no MsgId', () => {
    const { raw, msg } = roundTrip({ type: 'subscribe', scene: 'spring_2024' });
    expect(raw).toMatchObject({ MsgType: 'event', Event: 'subscribe', EventKey: 'qrscene_spring_2024', Ticket: expect.stringMatching(/^gQ/) });
    expect(raw.MsgId).toBeUndefined();
    expect(msg.kind).toBe('event:subscribe');
  });

  it('when a plain follow happens, then there is no EventKey', () => {
    expect(roundTrip({ type: 'subscribe' }).raw.EventKey).toBeUndefined();
  });

  it('when a follower scans, then the event is SCAN (upper case) with the bare scene', () => {
    expect(roundTrip({ type: 'scan', scene: '123', ticket: 'gQT' }).raw).toMatchObject({ Event: 'SCAN', EventKey: '123', Ticket: 'gQT' });
  });

  it('when menu events happen, then CLICK/VIEW carry the key/url and scancode carries ScanCodeInfo', () => {
    expect(roundTrip({ type: 'click', key: 'K1' }).raw).toMatchObject({ Event: 'CLICK', EventKey: 'K1' });
    expect(roundTrip({ type: 'view', url: 'https://e.com', menuId: 5 }).raw).toMatchObject({ Event: 'VIEW', EventKey: 'https://e.com', MenuId: '5' });
    expect(roundTrip({ type: 'scancode_waitmsg', key: 'S', scanResult: '123' }).raw)
      .toMatchObject({ Event: 'scancode_waitmsg', EventKey: 'S', ScanCodeInfo: { ScanType: 'qrcode', ScanResult: '123' } });
  });

  it('when a location is reported, then the event is LOCATION with Latitude/Longitude/Precision', () => {
    expect(roundTrip({ type: 'location_event', latitude: 23.1, longitude: 113.3, precision: 119.385 }).raw)
      .toMatchObject({ Event: 'LOCATION', Latitude: '23.1', Longitude: '113.3', Precision: '119.385' });
  });

  it('when the control body has a wrong or extra field, then it is refused with every problem', () => {
    expect(() => parseAction({ type: 'location', x: '1' })).toThrow(/x must be a number.*y must be a number/);
    expect(() => parseAction({ type: 'text', content: 'x', extra: 1 })).toThrow(/no field extra/);
    expect(() => parseAction({ type: 'sticker' })).toThrow(/type must be one of/);
  });
});
