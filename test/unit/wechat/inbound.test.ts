import { parseXml, toInboundMessage, WeChatProtocolError, type InboundMessage } from '../../../src/wechat';
import { inboundSamples } from '../../fixtures/inbound-samples';

const HEAD = { toUserName: 'gh_0123456789ab', fromUserName: 'oUser0000000000000000000000', createTime: 1700000000 };
const sample = (key: string): InboundMessage => toInboundMessage(parseXml(inboundSamples[key]!));
const fromXml = (inner: string): InboundMessage => toInboundMessage(parseXml(`<xml>${inner}</xml>`));
const header = (msgType: string) => `<ToUserName>gh_0123456789ab</ToUserName><FromUserName>oUser0000000000000000000000</FromUserName><CreateTime>1700000000</CreateTime><MsgType>${msgType}</MsgType>`;
const event = (name: string, rest = '') => fromXml(`${header('event')}<Event>${name}</Event>${rest}`);

describe('toInboundMessage: normal messages', () => {
  it.each<[string, Record<string, unknown>]>([
    ['text', { content: 'hello', msgId: '24300000000000001', msgDataId: null, idx: null, bizMsgMenuId: null }],
    ['image', { picUrl: 'http://mmbiz.qpic.cn/mmbiz_jpg/sample/0', mediaId: 'media_image_1', msgDataId: '2247483650', idx: 1 }],
    ['voice', { mediaId: 'media_voice_1', format: 'amr', recognition: '你好', mediaId16K: 'media_voice_16k_1' }],
    ['video', { mediaId: 'media_video_1', thumbMediaId: 'thumb_video_1' }],
    ['shortvideo', { mediaId: 'media_short_1', thumbMediaId: 'thumb_short_1' }],
    ['location', { locationX: 23.134521, locationY: 113.358803, scale: 20, label: '广州市天河区珠江新城' }],
    ['link', { title: 'Release notes', description: 'What changed in 2.0', url: 'https://example.com/notes?a=1&b=2' }],
    ['miniprogrampage', { title: 'Order #42', appId: 'wxmini00000000001', pagePath: 'pages/order/detail?id=42', thumbUrl: 'http://mmbiz.qpic.cn/thumb/0', thumbMediaId: 'thumb_mini_1' }],
  ])('when the %s sample arrives, then it is that variant with its fields', (kind, fields) => {
    const msg = sample(kind);
    expect(msg).toMatchObject({ ...HEAD, kind, msgType: kind, event: null, eventKey: null, ...fields });
    expect(msg.msgId).toMatch(/^243\d{14}$/);
  });

  it('when a follower taps a msgmenu option, then bizMsgMenuId is set and content is the option text', () => {
    expect(sample('text:msgmenu')).toMatchObject({ kind: 'text', content: '满意', bizMsgMenuId: '101' });
  });

  it('when a text comes from an article, then msgDataId stays a string and idx is a number', () => {
    expect(fromXml(`${header('text')}<Content>hi</Content><MsgDataId>2247483650</MsgDataId><Idx>2</Idx><MsgId>1</MsgId>`)).toMatchObject({ msgDataId: '2247483650', idx: 2 });
  });

  it('when voice recognition is off, then recognition is null', () => {
    expect(fromXml(`${header('voice')}<MediaId>m</MediaId><Format>speex</Format><MsgId>1</MsgId>`)).toMatchObject({ kind: 'voice', format: 'speex', recognition: null, mediaId16K: null });
  });
});

describe('toInboundMessage: events', () => {
  it('when a plain follow arrives, then it is event:subscribe with no scene, ticket or eventKey', () => {
    expect(sample('event:subscribe')).toMatchObject({ ...HEAD, kind: 'event:subscribe', msgType: 'event', event: 'subscribe', eventKey: null, scene: null, ticket: null, msgId: null });
  });

  it('when a follow comes from a parametric QR, then the qrscene_ prefix is stripped into scene and eventKey stays as received', () => {
    expect(sample('event:subscribe:qrscene')).toMatchObject({ kind: 'event:subscribe', eventKey: 'qrscene_campaign_2024_spring', scene: 'campaign_2024_spring', ticket: expect.stringMatching(/^gQH47/) });
  });

  it.each(['scanbarcode|EAN_13|6901234567892', 'scanimage|abc'])('when a product-scan follow has EventKey %s, then it is kept and there is no scene', (key) => {
    expect(event('subscribe', `<EventKey>${key}</EventKey>`)).toMatchObject({ kind: 'event:subscribe', eventKey: key, scene: null });
  });

  it.each([
    ['missing', ''],
    ['empty', '<EventKey></EventKey>'],
    ['empty CDATA', '<EventKey><![CDATA[]]></EventKey>'],
    ['nil', '<EventKey xsi:nil="true"/>'],
  ])('when EventKey is %s, then eventKey is null', (_how, element) => {
    expect(event('subscribe', element)).toMatchObject({ kind: 'event:subscribe', eventKey: null, scene: null });
  });

  it.each<[string, Record<string, unknown>]>([
    ['event:unsubscribe', { eventKey: null }],
    ['event:SCAN', { eventKey: '123123', scene: '123123', ticket: expect.stringMatching(/^gQFF8/) }],
    ['event:LOCATION', { latitude: 23.137466, longitude: 113.352425, precision: 119.38504 }],
    ['event:CLICK', { eventKey: 'MENU_HELP' }],
    ['event:VIEW', { eventKey: 'https://example.com/shop', menuId: '208379533' }],
    ['event:view_miniprogram', { eventKey: 'pages/index/index', menuId: '208379534' }],
    ['event:scancode_push', { eventKey: 'scan_push', scanType: 'qrcode', scanResult: 'https://example.com/p/1' }],
    ['event:scancode_waitmsg', { eventKey: 'scan_wait', scanType: 'barcode', scanResult: 'EAN_13,6901234567892' }],
    ['event:pic_sysphoto', { eventKey: 'photo', count: 1, picMd5Sums: ['1b5f7c23b5bf75682a53e7b6d163e185'] }],
    ['event:pic_photo_or_album', { count: 2, picMd5Sums: ['5a75aaca956d97be686719218f275c6b', '96c9d5b8b2b8e4b1a5c9b0c3e2d1f0a9'] }],
    ['event:pic_weixin', { count: 1, picMd5Sums: ['5a75aaca956d97be686719218f275c6b'] }],
    ['event:location_select', { eventKey: 'pick_place', locationX: 23, locationY: 113, scale: 15, label: ' 广州市海珠区客村艺苑路 106号', poiname: null }],
    ['event:TEMPLATESENDJOBFINISH', { msgId: '24300000000000102', status: 'success' }],
    ['event:kf_create_session', { kfAccount: 'test1@test' }],
    ['event:kf_close_session', { kfAccount: 'test1@test' }],
    ['event:kf_switch_session', { fromKfAccount: 'test1@test', toKfAccount: 'test2@test' }],
  ])('when the %s sample arrives, then it is that variant with its fields', (kind, fields) => {
    expect(sample(kind)).toMatchObject({ ...HEAD, kind, msgType: 'event', event: kind.slice('event:'.length), ...fields });
  });

  it('when MASSSENDJOBFINISH arrives, then MsgID is the msgId string and the counts and both result lists are typed', () => {
    const msg = sample('event:MASSSENDJOBFINISH');
    if (msg.kind !== 'event:MASSSENDJOBFINISH') throw new Error(msg.kind);
    expect(msg).toMatchObject({ msgId: '24300000000000101', status: 'err(30003)', totalCount: 0, filterCount: 0, sentCount: 0, errorCount: 0 });
    expect(msg.copyrightCheck).toEqual({
      count: 2,
      checkState: 2,
      items: [1, 2].map((idx) => ({
        articleIdx: idx, userDeclareState: 0, auditState: 2, originalArticleUrl: `Url_${idx}`,
        originalArticleType: 1, canReprint: 1, needReplaceContent: 1, needShowReprintSource: 1,
      })),
    });
    expect(msg.articleUrls).toEqual([{ articleIdx: 1, articleUrl: 'Url' }]);
  });

  it('when MASSSENDJOBFINISH has no copyright check (not mpnews), then copyrightCheck is null and articleUrls empty', () => {
    expect(event('MASSSENDJOBFINISH', '<MsgID>1000001625</MsgID><Status>send success</Status><TotalCount>3</TotalCount>'))
      .toMatchObject({ msgId: '1000001625', status: 'send success', totalCount: 3, sentCount: null, copyrightCheck: null, articleUrls: [] });
  });

  it('when PUBLISHJOBFINISH succeeds, then the lower_snake fields are read and the single item becomes an array', () => {
    expect(sample('event:PUBLISHJOBFINISH')).toMatchObject({
      kind: 'event:PUBLISHJOBFINISH', publishId: '2247503051', publishStatus: 0, articleId: 'b5O2OUs25HBxRceL7hfReg-U9QGeq9zQjiDvyWP4Hq4',
      articleDetail: { count: 1, items: [{ idx: 1, articleUrl: 'https://mp.weixin.qq.com/s/sample' }] }, failIdx: [],
    });
  });

  it.each([
    ['one fail_idx', '<fail_idx>1</fail_idx>', [1]],
    ['repeated fail_idx', '<fail_idx>1</fail_idx><fail_idx>2</fail_idx>', [1, 2]],
  ])('when PUBLISHJOBFINISH fails with %s, then failIdx is an array of numbers', (_what, failXml, expected) => {
    const msg = event('PUBLISHJOBFINISH', `<PublishEventInfo><publish_id>2247503051</publish_id><publish_status>2</publish_status>${failXml}</PublishEventInfo>`);
    expect(msg).toMatchObject({ publishStatus: 2, articleId: null, articleDetail: null, failIdx: expected });
  });

  it('when subscribe_msg events arrive with one or several List entries, then list is always an array', () => {
    expect(sample('event:subscribe_msg_popup_event')).toMatchObject({ list: [
      { templateId: 'VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc', subscribeStatusString: 'accept', popupScene: '2' },
      { templateId: '9nLIlbOQZC5Y89AZteFEux3WCXRRRG5Wfzkpssu4bLI', subscribeStatusString: 'reject', popupScene: '2' },
    ] });
    expect(sample('event:subscribe_msg_change_event')).toMatchObject({ list: [{ templateId: 'VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc', subscribeStatusString: 'reject' }] });
    expect(sample('event:subscribe_msg_sent_event')).toMatchObject({
      msgId: null, list: [{ templateId: 'VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc', msgId: '24300000000000103', errorCode: 0, errorStatus: 'success' }],
    });
  });
});

describe('toInboundMessage: quirks and unknowns', () => {
  it('when MsgId exceeds 2^53, then msgId is the exact digits as a string', () => {
    const msg = fromXml(`${header('text')}<Content>x</Content><MsgId>9223372036854775807</MsgId>`);
    expect(msg.msgId).toBe('9223372036854775807');
  });

  it('when the id is spelled MsgID (job-finish events), then it is read like MsgId', () => {
    expect(event('TEMPLATESENDJOBFINISH', '<MsgID>24300000000000999</MsgID><Status>failed:user block</Status>').msgId).toBe('24300000000000999');
  });

  it('when the MsgType is unknown, then the message is kept as unknown with all raw fields', () => {
    const msg = sample('unknown');
    expect(msg).toMatchObject({ ...HEAD, kind: 'unknown', msgType: 'file', event: null, msgId: '24300000000000010' });
    expect(msg.raw).toMatchObject({ Title: 'report.pdf', FileKey: 'filekey_1', FileTotalLen: '1024' });
  });

  it('when the Event is unknown, then the message is kept as unknown with its event and raw fields', () => {
    const msg = sample('unknown:event');
    expect(msg).toMatchObject({ kind: 'unknown', msgType: 'event', event: 'user_get_card' });
    expect(msg.raw).toMatchObject({ CardId: 'pFS7Fjg8kV1IdDz01r4SQwMkuCKc', UserCardCode: '12312312' });
  });

  it.each(['scan', 'Subscribe', 'click'])('when an event name differs only in case (%s), then it is unknown: names are case-sensitive', (name) => {
    expect(event(name).kind).toBe('unknown');
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('when MsgType or Event is a JS prototype name (%s), then it is unknown, not a crash', (name) => {
    expect(fromXml(`${header(name)}`).kind).toBe('unknown');
    expect(event(name).kind).toBe('unknown');
  });

  it('when an event has no Event element, then it is unknown', () => {
    expect(fromXml(header('event'))).toMatchObject({ kind: 'unknown', event: null });
  });

  it('when a known message lacks its own fields, then it is still that variant with empty values, never rejected', () => {
    expect(fromXml(header('location'))).toMatchObject({ kind: 'location', locationX: null, scale: null, label: '' });
    expect(event('pic_weixin')).toMatchObject({ kind: 'event:pic_weixin', count: null, picMd5Sums: [] });
  });

  it.each(['ToUserName', 'FromUserName', 'MsgType'])('when %s is missing, then xml_malformed names it', (field) => {
    const inner = header('text').replace(new RegExp(`<${field}>[^<]*</${field}>`), '');
    expect(() => fromXml(inner)).toThrow(expect.objectContaining({ code: 'xml_malformed', message: expect.stringContaining(field) }));
    expect(() => fromXml(inner)).toThrow(WeChatProtocolError);
  });

  it.each(['', '<CreateTime>soon</CreateTime>', '<CreateTime>1.5</CreateTime>'])('when CreateTime is missing or not unix seconds (%j), then xml_malformed', (element) => {
    const inner = header('text').replace('<CreateTime>1700000000</CreateTime>', element);
    expect(() => fromXml(inner)).toThrow(expect.objectContaining({ code: 'xml_malformed' }));
  });

  it('when values are nested where text is expected, then they read as empty and raw keeps them', () => {
    const msg = fromXml(`${header('text')}<Content><b>bold</b></Content><MsgId><x>1</x></MsgId>`);
    expect(msg).toMatchObject({ kind: 'text', content: '', msgId: null });
    expect(msg.raw.Content).toEqual({ b: 'bold' });
  });
});
