import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { cdata, parseXml } from '../../../src/wechat';

/** fast-xml-parser, configured as the raw-map contract describes, is the oracle for our scanner. */
const oracle = new XMLParser({ parseTagValue: false, trimValues: true, ignoreAttributes: true, ignoreDeclaration: true, ignorePiTags: true });

const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const name = fc.constantFrom('ToUserName', 'Content', 'item', 'MsgId', 'A', 'b_c', 'ns:x', 'Location_X');
const text = fc.string({ unit: 'grapheme', maxLength: 40 });
const leaf = fc.oneof(
  text.map((t) => cdata(t)),
  text.map((t) => escape(t.trim())).filter((t) => t === t.trim()),
  fc.constant(''),
);

/** A random element tree in the shape WeChat sends: leaves with text or CDATA, nested and repeated elements. */
const element: fc.Memo<string> = fc.memo((depth) =>
  fc.tuple(name, depth <= 1 ? leaf : fc.oneof(leaf, fc.array(element(depth - 1), { minLength: 1, maxLength: 4 }).map((c) => c.join('\n  ')))).map(
    ([n, body]) => `<${n}>${body}</${n}>`,
  ),
);
const document = fc.array(element(3), { minLength: 1, maxLength: 6 }).map((children) => `<xml>${children.join('\n')}</xml>`);

describe('parseXml against fast-xml-parser', () => {
  it('when given random WeChat-shaped documents, then both produce the same raw map', () => {
    fc.assert(
      fc.property(document, (doc) => {
        expect(parseXml(doc)).toEqual(oracle.parse(doc).xml);
      }),
      { numRuns: 2000 },
    );
  });
});
