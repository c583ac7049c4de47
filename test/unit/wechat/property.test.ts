import fc from 'fast-check';
import { cdata, MessageCipher, parseXml, toInboundMessage, WeChatProtocolError } from '../../../src/wechat';

const cipher = new MessageCipher('abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', 'wxb11529c136998cb6');

/** Runs the inbound pipeline; any failure must be a WeChatProtocolError (a 4xx), never a crash. */
function onlyProtocolErrors(body: string): boolean {
  try {
    toInboundMessage(parseXml(body));
  } catch (err) {
    if (!(err instanceof WeChatProtocolError)) throw err;
  }
  return true;
}

// Tokens that steer random input into the parser's interesting corners: CDATA, comments, DTDs, entities.
const xmlToken = fc.constantFrom(
  '<xml>', '</xml>', '<A>', '</A>', '<item>', '</item>', '<A/>', '<![CDATA[', ']]>', '<!--', '-->', '<!DOCTYPE x [', '<!ENTITY a "b">', ']>',
  '<?xml version="1.0"?>', '&', '&amp;', '&a;', '&#x41;', '&#99999999;', '&#xD800;', '<', '>', '/', '"', '=', ' ', '\n', 'x', '中',
  '<ToUserName>gh</ToUserName>', '<FromUserName>o</FromUserName>', '<CreateTime>1</CreateTime>', '<MsgType>event</MsgType>', '<Event>SCAN</Event>',
  '<MsgType>text</MsgType>', '<Event>MASSSENDJOBFINISH</Event>', '<Event>pic_weixin</Event>', '<SendPicsInfo>', '</SendPicsInfo>', '<PicList>', '</PicList>',
  '<constructor>', '</constructor>', '<toString>', '</toString>',
);
// Whole elements, so a good share of the soups below are well-formed and reach toInboundMessage.
const xmlElement = fc.constantFrom(
  '<ToUserName>gh</ToUserName>', '<FromUserName><![CDATA[o]]></FromUserName>', '<CreateTime>1700000000</CreateTime>', '<MsgType>event</MsgType>',
  '<MsgType><![CDATA[text]]></MsgType>', '<Event>SCAN</Event>', '<Event>pic_weixin</Event>', '<Event>PUBLISHJOBFINISH</Event>', '<EventKey/>',
  '<MsgId>24300000000000001</MsgId>', '<MsgID>x</MsgID>', '<SendPicsInfo><PicList><item><PicMd5Sum>a</PicMd5Sum></item></PicList></SendPicsInfo>',
  '<PublishEventInfo><fail_idx>1</fail_idx><fail_idx>x</fail_idx></PublishEventInfo>', '<Content>&lt;&#65;</Content>', '<A><B>1</B><B/></A>',
);
const soup = fc.array(fc.oneof(xmlToken, xmlElement, xmlElement), { maxLength: 30 }).map((t) => t.join(''));

describe('property: AES envelope', () => {
  it('when any UTF-8 text up to a few KB is encrypted, then it decrypts back exactly', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 1400, size: 'max' }), fc.uint8Array({ minLength: 16, maxLength: 16 }), (text, random) => {
        return cipher.decrypt(cipher.encrypt(text, Buffer.from(random))) === text;
      }),
      { numRuns: 300 },
    );
  });

  it('when random base64 is decrypted, then it fails only with protocol errors', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        try {
          cipher.decrypt(Buffer.from(bytes).toString('base64'));
        } catch (err) {
          if (!(err instanceof WeChatProtocolError)) throw err;
        }
        return true;
      }),
      { numRuns: 500 },
    );
  });
});

describe('property: inbound XML never crashes', () => {
  it('when the body is any string, then only protocol errors are thrown', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), onlyProtocolErrors), { numRuns: 1000 });
  });

  it('when the body is random bytes read as UTF-8 or Latin-1, then only protocol errors are thrown', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => onlyProtocolErrors(Buffer.from(bytes).toString('utf8')) && onlyProtocolErrors(Buffer.from(bytes).toString('latin1'))),
      { numRuns: 500 },
    );
  });

  it('when the body is a soup of XML tokens, then only protocol errors are thrown', () => {
    fc.assert(fc.property(soup, onlyProtocolErrors), { numRuns: 2000 });
    fc.assert(fc.property(soup.map((inner) => `<xml>${inner}</xml>`), onlyProtocolErrors), { numRuns: 2000 });
  });

  it('when a field map has a valid header and random shapes for every field, then toInboundMessage never throws', () => {
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, fc.string(), fc.constant(''), fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('item', 'List', 'Count', 'PicMd5Sum', 'ResultList', 'fail_idx', 'idx'), tie('node'), { maxKeys: 3 })),
    })).node;
    const fields = ['EventKey', 'MsgId', 'MsgID', 'Content', 'Idx', 'SendPicsInfo', 'ScanCodeInfo', 'SendLocationInfo', 'CopyrightCheckResult', 'ArticleUrlResult',
      'PublishEventInfo', 'SubscribeMsgPopupEvent', 'SubscribeMsgSentEvent', 'SubscribeMsgChangeEvent', 'TotalCount', 'Latitude', 'Ticket', 'MenuId'];
    const kinds = ['text', 'image', 'voice', 'video', 'location', 'link', 'miniprogrampage', 'event', 'x'];
    const events = ['subscribe', 'SCAN', 'LOCATION', 'VIEW', 'scancode_push', 'pic_weixin', 'location_select', 'MASSSENDJOBFINISH', 'PUBLISHJOBFINISH',
      'kf_switch_session', 'subscribe_msg_popup_event', 'subscribe_msg_change_event', 'subscribe_msg_sent_event', 'nope'];
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.constantFrom(...events), fc.dictionary(fc.constantFrom(...fields), value), (msgType, event, extra) => {
        const msg = toInboundMessage({ ...extra, ToUserName: 'gh', FromUserName: 'o', CreateTime: '1', MsgType: msgType, Event: event });
        return typeof msg.kind === 'string' && (msg.msgId === null || typeof msg.msgId === 'string');
      }),
      { numRuns: 2000 },
    );
  });
});

describe('property: CDATA rendering', () => {
  // XML parsers normalize CR and CRLF to LF (XML 1.0 §2.11), so text with CR is outside this property.
  it('when any text without CR is rendered with cdata, then parsing gives it back exactly', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }).filter((s) => !s.includes('\r')), (text) => {
        const raw = parseXml(`<xml><C>${cdata(text)}</C><D>1</D></xml>`);
        return raw.C === text;
      }),
      { numRuns: 1000 },
    );
  });
});
