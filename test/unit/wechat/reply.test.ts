import { encryptReply, maxNewsArticles, MessageCipher, messageSignature, parseXml, renderReply, toInboundMessage, type Reply } from '../../../src/wechat';
import { inboundSamples } from '../../fixtures/inbound-samples';

const TO = { toUser: 'oUser0000000000000000000000', fromUser: 'gh_0123456789ab', createTime: 1700000001 };
const HEAD = '<xml><ToUserName><![CDATA[oUser0000000000000000000000]]></ToUserName><FromUserName><![CDATA[gh_0123456789ab]]></FromUserName><CreateTime>1700000001</CreateTime>';

describe('renderReply', () => {
  it.each<[string, Reply, string]>([
    ['text', { type: 'text', content: 'hi <a href="https://x.y/?a=1&b=2">link</a>\nnext line' },
      '<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi <a href="https://x.y/?a=1&b=2">link</a>\nnext line]]></Content>'],
    ['image', { type: 'image', mediaId: 'm1' }, '<MsgType><![CDATA[image]]></MsgType><Image><MediaId><![CDATA[m1]]></MediaId></Image>'],
    ['voice', { type: 'voice', mediaId: 'm2' }, '<MsgType><![CDATA[voice]]></MsgType><Voice><MediaId><![CDATA[m2]]></MediaId></Voice>'],
    ['video with title and description', { type: 'video', mediaId: 'm3', title: 'T', description: 'D' },
      '<MsgType><![CDATA[video]]></MsgType><Video><MediaId><![CDATA[m3]]></MediaId><Title><![CDATA[T]]></Title><Description><![CDATA[D]]></Description></Video>'],
    ['video without the optional children', { type: 'video', mediaId: 'm3' }, '<MsgType><![CDATA[video]]></MsgType><Video><MediaId><![CDATA[m3]]></MediaId></Video>'],
    ['music', { type: 'music', title: 'T', description: 'D', musicUrl: 'http://m/1.mp3', hqMusicUrl: 'http://m/1hq.mp3', thumbMediaId: 't1' },
      '<MsgType><![CDATA[music]]></MsgType><Music><Title><![CDATA[T]]></Title><Description><![CDATA[D]]></Description><MusicUrl><![CDATA[http://m/1.mp3]]></MusicUrl>'
      + '<HQMusicUrl><![CDATA[http://m/1hq.mp3]]></HQMusicUrl><ThumbMediaId><![CDATA[t1]]></ThumbMediaId></Music>'],
    ['music with only the thumb', { type: 'music', thumbMediaId: 't1' }, '<MsgType><![CDATA[music]]></MsgType><Music><ThumbMediaId><![CDATA[t1]]></ThumbMediaId></Music>'],
    ['news', { type: 'news', articles: [{ title: 'A', description: 'a', picUrl: 'http://p/1.jpg', url: 'http://u/1' }, { title: 'B' }] },
      '<MsgType><![CDATA[news]]></MsgType><ArticleCount>2</ArticleCount><Articles>'
      + '<item><Title><![CDATA[A]]></Title><Description><![CDATA[a]]></Description><PicUrl><![CDATA[http://p/1.jpg]]></PicUrl><Url><![CDATA[http://u/1]]></Url></item>'
      + '<item><Title><![CDATA[B]]></Title></item></Articles>'],
    ['transfer to any agent', { type: 'transfer_customer_service' }, '<MsgType><![CDATA[transfer_customer_service]]></MsgType>'],
    ['transfer to one agent', { type: 'transfer_customer_service', kfAccount: 'test1@test' },
      '<MsgType><![CDATA[transfer_customer_service]]></MsgType><TransInfo><KfAccount><![CDATA[test1@test]]></KfAccount></TransInfo>'],
  ])('when rendering %s, then the XML is exactly the §3 shape', (_what, reply, body) => {
    expect(renderReply(reply, TO)).toBe(`${HEAD}${body}</xml>`);
  });

  it('when text content contains ]]>, then the reply still parses back to the same content', () => {
    const content = 'a ]]> b <![CDATA[ c';
    expect(parseXml(renderReply({ type: 'text', content }, TO)).Content).toBe(content);
  });

  it('when a news reply has 0 or 9 articles, then reply_invalid', () => {
    const article = { title: 't' };
    expect(() => renderReply({ type: 'news', articles: [] }, TO)).toThrow(expect.objectContaining({ code: 'reply_invalid' }));
    expect(() => renderReply({ type: 'news', articles: new Array(9).fill(article) }, TO)).toThrow(expect.objectContaining({ code: 'reply_invalid' }));
    expect(renderReply({ type: 'news', articles: new Array(8).fill(article) }, TO)).toContain('<ArticleCount>8</ArticleCount>');
  });

  it('when a reply of a type WeChat has no passive form arrives (e.g. from a stored rule), then reply_invalid', () => {
    const stored = JSON.parse('{"type":"mpnews","mediaId":"m"}') as Reply;
    expect(() => renderReply(stored, TO)).toThrow(expect.objectContaining({ code: 'reply_invalid' }));
  });

  it('when CreateTime is not whole seconds, then reply_invalid', () => {
    expect(() => renderReply({ type: 'text', content: 'x' }, { ...TO, createTime: 1700000000.5 })).toThrow(expect.objectContaining({ code: 'reply_invalid' }));
  });
});

describe('maxNewsArticles', () => {
  const msg = (kind: string) => toInboundMessage(parseXml(inboundSamples[kind]!));

  it.each(['text', 'image', 'voice', 'location', 'unknown'])('when answering a follower\'s %s message, then only 1 article is allowed', (kind) => {
    expect(maxNewsArticles(msg(kind))).toBe(1);
  });

  it.each(['event:subscribe', 'event:CLICK', 'event:SCAN', 'unknown:event'])('when answering %s, then up to 8 articles are allowed', (kind) => {
    expect(maxNewsArticles(msg(kind))).toBe(8);
  });
});

describe('encryptReply', () => {
  const token = 'pamtest';
  const cipher = new MessageCipher('abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', 'wxb11529c136998cb6');
  const replyXml = renderReply({ type: 'text', content: '你好 ]]> world' }, TO);

  it('when a reply is sealed, then the envelope decrypts back to it and its MsgSignature verifies', () => {
    const envelope = parseXml(encryptReply({ cipher, token, replyXml, timestamp: '1700000001', nonce: 'n<&>1' }));
    expect(Object.keys(envelope)).toEqual(['Encrypt', 'MsgSignature', 'TimeStamp', 'Nonce']);
    expect(envelope).toMatchObject({ TimeStamp: '1700000001', Nonce: 'n<&>1' });
    expect(cipher.decrypt(envelope.Encrypt as string)).toBe(replyXml);
    expect(envelope.MsgSignature).toBe(messageSignature(token, '1700000001', 'n<&>1', envelope.Encrypt as string));
  });

  it('when sealing vector B1 with its fixed random, then the envelope carries the published Encrypt and MsgSignature', () => {
    const xml = encryptReply({ cipher, token, replyXml: '我是中文abcd123', timestamp: '1409304348', nonce: 'xxxxxx', random: Buffer.from('aaaabbbbccccdddd') });
    expect(xml).toBe('<xml><Encrypt><![CDATA[jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==]]></Encrypt>'
      + '<MsgSignature><![CDATA[82c962d39941aa48552f90ef55aa323dc620cc10]]></MsgSignature><TimeStamp>1409304348</TimeStamp><Nonce><![CDATA[xxxxxx]]></Nonce></xml>');
  });

  it('when sealing vector C\'s reply, then Encrypt has the published prefix and the envelope signature is over our Encrypt', () => {
    const cipherC = new MessageCipher('kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR', 'wx49f0ab532d5d035a');
    const reply = '<xml>\n<ToUserName><![CDATA[messense]]></ToUserName>\n<FromUserName><![CDATA[wx49f0ab532d5d035a]]></FromUserName>\n'
      + '<CreateTime>1411525903</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[test]]></Content>\n</xml>';
    const envelope = parseXml(encryptReply({ cipher: cipherC, token: '123456', replyXml: reply, timestamp: '1411525903', nonce: '461056294', random: Buffer.from('1234567890123456') }));
    const encrypt = envelope.Encrypt as string;
    expect(encrypt.startsWith('9s4gMv99m88kKTh/H8Id')).toBe(true);
    expect(envelope.MsgSignature).toBe(messageSignature('123456', '1411525903', '461056294', encrypt));
    expect(cipherC.decrypt(encrypt)).toBe(reply);
  });

  it('when the timestamp is not digits, then reply_invalid rather than broken XML', () => {
    expect(() => encryptReply({ cipher, token, replyXml, timestamp: '17</TimeStamp>', nonce: 'n' })).toThrow(expect.objectContaining({ code: 'reply_invalid' }));
  });
});
