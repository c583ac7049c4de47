import { XMLParser, XMLValidator, type EntityDecoderOptions } from 'fast-xml-parser';
import { WeChatProtocolError } from './errors';

const dtdRefused = (): WeChatProtocolError =>
  WeChatProtocolError.of('xml_dtd_refused', 'XML with a DOCTYPE or ENTITY declaration is refused');

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#([0-9]{1,7})|#x([0-9a-fA-F]{1,6}));/g;

/**
 * Decodes only the five predefined XML entities and character references. DTD-declared entities
 * never expand: the parser hands them to addInputEntities, which refuses, so even a DOCTYPE that
 * slipped past the pre-scan below cannot become XXE or a billion-laughs expansion.
 */
const decoder: EntityDecoderOptions = {
  setExternalEntities: () => undefined,
  addInputEntities: () => {
    throw dtdRefused();
  },
  reset: () => undefined,
  setXmlVersion: () => undefined,
  decode: (text) => (text.includes('&') ? text.replace(ENTITY, decodeEntity) : text),
};

function decodeEntity(match: string, name?: string, dec?: string, hex?: string): string {
  if (name !== undefined) return XML_ENTITIES[name] ?? match;
  const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? '', 16);
  return code <= 0x10ffff ? String.fromCodePoint(code) : match;
}

const parser = new XMLParser({
  parseTagValue: false, // every value a string: MsgId exceeds 2^53, and normalization happens in inbound.ts
  trimValues: true, // drops whitespace between elements; CDATA content is never trimmed by the parser
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  entityDecoder: decoder,
  jPath: false, // we use no path callbacks; building path strings cost a third of the parse time
});

const DTD = /<!(?:doctype|entity)/i;
const CDATA_OR_COMMENT = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->/g;

/**
 * Refuses DTDs before the parser sees them (XXE: binarywang/WxJava#889, liyiorg/weixin-popular#158).
 * Text inside CDATA is a follower's words, not markup: "<!DOCTYPE html>" sent as a chat message
 * must not fail the callback, so CDATA (and comments, to tokenize as the parser does) are skipped.
 */
function refuseDtd(body: string): void {
  if (!DTD.test(body)) return;
  if (DTD.test(body.replace(CDATA_OR_COMMENT, ''))) throw dtdRefused();
}

const malformed = (why: string): WeChatProtocolError => WeChatProtocolError.of('xml_malformed', `callback XML is malformed: ${why}`);

/**
 * Parses a callback body into the raw field map: the children of the root `<xml>` as received.
 * Text values stay strings, repeated siblings become arrays, a single child stays an object.
 * Throws only WeChatProtocolError, whatever the input.
 */
export function parseXml(body: string): Record<string, unknown> {
  if (typeof body !== 'string') throw malformed('the body is not text');
  refuseDtd(body);
  let doc: unknown;
  try {
    const valid = XMLValidator.validate(body);
    if (valid !== true) throw malformed(`${valid.err.msg} (line ${valid.err.line})`);
    doc = parser.parse(body);
  } catch (err) {
    if (err instanceof WeChatProtocolError) throw err;
    throw malformed(err instanceof Error ? err.message : 'the parser failed');
  }
  const root = isRecord(doc) ? doc.xml : undefined;
  if (root === undefined || Object.keys(doc as object).length !== 1) throw malformed('the root element must be <xml>');
  if (!isRecord(root)) throw malformed('the root <xml> has no child elements');
  return root;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Renders a CDATA section. A `]]>` inside is split across two sections so it cannot end the first early. */
export function cdata(value: string): string {
  const safe = value.includes(']]>') ? value.split(']]>').join(']]]]><![CDATA[>') : value;
  return `<![CDATA[${safe}]]>`;
}
