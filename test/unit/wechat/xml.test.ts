import { cdata, parseXml, WeChatProtocolError } from '../../../src/wechat';
import { inboundSamples } from '../../fixtures/inbound-samples';

function codeOf(body: string): string | undefined {
  try {
    parseXml(body);
  } catch (err) {
    return err instanceof WeChatProtocolError ? err.code : `not a protocol error: ${String(err)}`;
  }
  return undefined;
}

describe('parseXml: the raw field map', () => {
  it('when parsing the text sample, then every value is the string as received, ids included', () => {
    expect(parseXml(inboundSamples.text!)).toEqual({
      ToUserName: 'gh_0123456789ab',
      FromUserName: 'oUser0000000000000000000000',
      CreateTime: '1700000000',
      MsgType: 'text',
      Content: 'hello',
      MsgId: '24300000000000001',
    });
  });

  it('when CDATA has leading or trailing spaces or is blank, then it is kept untrimmed', () => {
    const raw = parseXml('<xml>\n  <Label><![CDATA[ 广州 ]]></Label>\n  <Blank><![CDATA[   ]]></Blank>\n</xml>');
    expect(raw).toEqual({ Label: ' 广州 ', Blank: '   ' });
  });

  it('when elements are nested, repeated, single or empty, then they stay objects, arrays, objects and empty strings', () => {
    const raw = parseXml('<xml><L><item><A>1</A></item><item><A>2</A></item></L><One><item><A>1</A></item></One><E></E><S/></xml>');
    expect(raw).toEqual({ L: { item: [{ A: '1' }, { A: '2' }] }, One: { item: { A: '1' } }, E: '', S: '' });
  });

  it('when there is an XML declaration, then it is ignored', () => {
    expect(parseXml('<?xml version="1.0" encoding="UTF-8"?>\n<xml><A>1</A></xml>')).toEqual({ A: '1' });
  });

  it('when non-CDATA text has standard and numeric entities, then they are decoded', () => {
    const raw = parseXml('<xml><T>a &lt;b&gt; &amp; &quot;q&quot; &apos;s&apos; &#65;&#x4E2D;&#x1F600;</T></xml>');
    expect(raw.T).toBe('a <b> & "q" \'s\' A中😀');
  });

  it('when CDATA contains entity-like text, then it is left alone', () => {
    expect(parseXml('<xml><T><![CDATA[&lt;&amp;&#65;]]></T></xml>').T).toBe('&lt;&amp;&#65;');
  });

  it('when an entity is not one of the XML ones, then it stays as written rather than being guessed', () => {
    expect(parseXml('<xml><T>&copy;&nbsp;&#x110000;</T></xml>').T).toBe('&copy;&nbsp;&#x110000;');
  });
});

describe('cdata', () => {
  it('when the value has no terminator, then it is wrapped once', () => {
    expect(cdata('a < b & c')).toBe('<![CDATA[a < b & c]]>');
  });

  it.each(['a]]>b', ']]>', ']]>]]>', 'x]]]>y', ']]', '中]]>文]]>'])('when the value is %j, then the rendered CDATA parses back to exactly it', (value) => {
    expect(parseXml(`<xml><C>${cdata(value)}</C></xml>`).C).toBe(value);
  });
});

describe('parseXml: DTDs are refused before parsing', () => {
  it('when the body declares an external entity (XXE), then xml_dtd_refused', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><Content>&xxe;</Content></xml>';
    expect(codeOf(xxe)).toBe('xml_dtd_refused');
  });

  it('when the body is a billion-laughs expansion, then xml_dtd_refused', () => {
    const lol = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
      + '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><xml><A>&lol3;</A></xml>';
    expect(codeOf(lol)).toBe('xml_dtd_refused');
  });

  it.each([
    ['lower-case doctype', '<!doctype xml><xml><A>1</A></xml>'],
    ['a bare ENTITY', '<xml><!ENTITY a "b"><A>1</A></xml>'],
    ['a DOCTYPE after the root starts', '<xml><!DOCTYPE x [<!ENTITY a "b">]><A>&a;</A></xml>'],
    ['a DOCTYPE between CDATA look-alikes in attributes', '<xml><A b="<![CDATA[">1</A><!DOCTYPE x [<!ENTITY a "b">]><B c="]]>">&a;</B></xml>'],
    ['a DOCTYPE behind a comment holding a CDATA opener', '<!-- <![CDATA[ --><!DOCTYPE x [<!ENTITY a "b">]><!-- ]]> --><xml><A>&a;</A></xml>'],
  ])('when the body has %s, then xml_dtd_refused', (_what, body) => {
    expect(codeOf(body)).toBe('xml_dtd_refused');
  });

  it('when a follower\'s text (inside CDATA) merely mentions <!DOCTYPE, then the message still parses', () => {
    expect(parseXml('<xml><Content><![CDATA[<!DOCTYPE html><!ENTITY x>]]></Content></xml>').Content).toBe('<!DOCTYPE html><!ENTITY x>');
  });
});

describe('parseXml: malformed input', () => {
  it.each([
    ['an empty body', ''],
    ['plain text', 'hello'],
    ['JSON', '{"ToUserName":"gh_0123456789ab"}'],
    ['a mismatched closing tag', '<xml><A>1</B></xml>'],
    ['an unclosed root', '<xml><A>1</A>'],
    ['an unclosed CDATA', '<xml><A><![CDATA[1</A></xml>'],
    ['a stray ampersand', '<xml><A>a & b</A></xml>'],
    ['text after the root', '<xml><A>1</A></xml>junk'],
    ['a second root element', '<xml><A>1</A></xml><xml><A>2</A></xml>'],
    ['a sibling after the root', '<xml><A>1</A></xml><b/>'],
    ['a root other than <xml>', '<root><A>1</A></root>'],
    ['a root with only text', '<xml>hello</xml>'],
    ['an empty root', '<xml></xml>'],
    ['a prototype-polluting element name', '<xml><__proto__><A>1</A></__proto__></xml>'],
  ])('when the body is %s, then xml_malformed (400, -40002)', (_what, body) => {
    expect(codeOf(body)).toBe('xml_malformed');
  });

  it('when refusing, then the error carries status 400 and the official code', () => {
    expect(() => parseXml('nope')).toThrow(expect.objectContaining({ code: 'xml_malformed', status: 400, wechatCode: -40002 }));
  });
});
