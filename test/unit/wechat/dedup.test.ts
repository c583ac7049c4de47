import { dedupKey, parseXml, toInboundMessage } from '../../../src/wechat';
import { inboundSamples, sampleWith } from '../../fixtures/inbound-samples';

const key = (xml: string): string => dedupKey(toInboundMessage(parseXml(xml)));

describe('dedupKey', () => {
  it('when a normal message is retried, then both deliveries share the MsgId key', () => {
    expect(key(inboundSamples.text!)).toBe('24300000000000001');
    expect(key(inboundSamples.text!)).toBe(key(inboundSamples.text!));
  });

  it('when two messages have different MsgIds but the same sender and time, then their keys differ (voice bursts)', () => {
    expect(key(sampleWith('voice', { MsgId: '24300000000000500' }))).not.toBe(key(sampleWith('voice', { MsgId: '24300000000000501' })));
  });

  it('when an event has no MsgId, then the key is sender|CreateTime|Event|EventKey', () => {
    expect(key(inboundSamples['event:CLICK']!)).toBe('oUser0000000000000000000000|1700000000|CLICK|MENU_HELP');
    expect(key(inboundSamples['event:subscribe']!)).toBe('oUser0000000000000000000000|1700000000|subscribe|');
  });

  it('when unsubscribe and LOCATION share sender and CreateTime, then their keys differ (WxJava adds Event)', () => {
    expect(key(inboundSamples['event:unsubscribe']!)).not.toBe(key(inboundSamples['event:LOCATION']!));
  });

  it('when two menu clicks differ only in EventKey, then their keys differ', () => {
    expect(key(inboundSamples['event:CLICK']!)).not.toBe(key(inboundSamples['event:CLICK']!.replace('MENU_HELP', 'MENU_SHOP')));
  });

  it('when the same event comes from another follower or at another time, then the key differs', () => {
    const base = key(inboundSamples['event:CLICK']!);
    expect(key(sampleWith('event:CLICK', { FromUserName: 'oUser0000000000000000000001' }))).not.toBe(base);
    expect(key(sampleWith('event:CLICK', { CreateTime: 1700000001 }))).not.toBe(base);
  });

  it('when a job-finish event carries MsgID, then that id is the key', () => {
    expect(key(inboundSamples['event:MASSSENDJOBFINISH']!)).toBe('24300000000000101');
  });

  it('when every fixture is keyed, then no two collide (integration suites post them all to one account)', () => {
    const keys = Object.values(inboundSamples).map(key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
