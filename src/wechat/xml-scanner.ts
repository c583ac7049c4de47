import { WeChatProtocolError } from './errors';

/**
 * A single-pass parser for the XML WeChat sends: elements, text, CDATA, comments, processing
 * instructions and (ignored) attributes. No DTD support at all: a DOCTYPE or ENTITY declaration
 * anywhere outside CDATA is refused, so XXE and entity expansion cannot happen.
 * Written for the webhook's hot path: a general-purpose parser plus its validator cost ~20 µs for a
 * text message; this costs ~2 µs (bench/parse.ts). fast-xml-parser stays as the oracle of a
 * differential test (test/unit/wechat/xml-differential.test.ts).
 */
export type XmlValue = string | XmlObject;
export interface XmlObject {
  [name: string]: XmlValue | XmlValue[];
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_.:]*/y;
const DTD_DECLARATION = /^<!(?:doctype|entity)/i;
const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#([0-9]{1,7})|#x([0-9a-fA-F]{1,6}));/g;
const STRAY_AMPERSAND = /&(?![A-Za-z_][-A-Za-z0-9_.]*;|#[0-9]+;|#x[0-9a-fA-F]+;)/;
const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
/** WeChat nests three levels at most; anything deeper is an attack on the stack. */
const MAX_DEPTH = 32;

export const malformed = (why: string): WeChatProtocolError => WeChatProtocolError.of('xml_malformed', `callback XML is malformed: ${why}`);
export const dtdRefused = (): WeChatProtocolError => WeChatProtocolError.of('xml_dtd_refused', 'XML with a DOCTYPE or ENTITY declaration is refused');

/** Parses a whole document; returns the root element's name and value. */
export function scanDocument(s: string): { name: string; value: XmlValue } {
  let i = skipMisc(s, s.charCodeAt(0) === 0xfeff ? 1 : 0);
  if (s.charCodeAt(i) !== 60 /* < */) throw malformed('expected a root element');
  const root = scanElement(s, i, 0);
  i = skipMisc(s, root.end);
  if (i !== s.length) throw malformed('content after the root element');
  return { name: root.name, value: root.value };
}

/** Skips white space, comments and processing instructions between top-level nodes. */
function skipMisc(s: string, i: number): number {
  for (;;) {
    while (i < s.length && isSpace(s.charCodeAt(i))) i++;
    if (s.startsWith('<?', i)) i = after(s, '?>', i + 2, 'processing instruction');
    else if (s.startsWith('<!--', i)) i = after(s, '-->', i + 4, 'comment');
    else if (s.startsWith('<!', i)) throw declaration(s, i);
    else return i;
  }
}

function scanElement(s: string, start: number, depth: number): { name: string; value: XmlValue; end: number } {
  if (depth > MAX_DEPTH) throw malformed('elements nested too deeply');
  const name = readName(s, start + 1);
  if (name === '__proto__') throw malformed('element name __proto__ is not allowed');
  let i = skipAttributes(s, start + 1 + name.length);
  if (s.charCodeAt(i) === 47 /* / */) return { name, value: '', end: i + 2 };
  i += 1; // past '>'
  let children: XmlObject | null = null;
  let text = '';
  for (;;) {
    const lt = s.indexOf('<', i);
    if (lt === -1) throw malformed(`<${name}> is not closed`);
    if (lt > i) text += decodeText(s.slice(i, lt).trim());
    i = lt;
    if (s.startsWith('</', i)) {
      const closing = readName(s, i + 2);
      if (closing !== name) throw malformed(`</${closing}> closes <${name}>`);
      i += 2 + closing.length;
      while (isSpace(s.charCodeAt(i))) i++;
      if (s.charCodeAt(i) !== 62 /* > */) throw malformed(`</${name}> is not terminated`);
      return { name, value: children ? withText(children, text) : text, end: i + 1 };
    }
    if (s.startsWith('<![CDATA[', i)) {
      const close = s.indexOf(']]>', i + 9);
      if (close === -1) throw malformed('CDATA section is not closed');
      text += s.slice(i + 9, close);
      i = close + 3;
    } else if (s.startsWith('<!--', i)) i = after(s, '-->', i + 4, 'comment');
    else if (s.startsWith('<?', i)) i = after(s, '?>', i + 2, 'processing instruction');
    else if (s.startsWith('<!', i)) throw declaration(s, i);
    else {
      const child = scanElement(s, i, depth + 1);
      children ??= {};
      addChild(children, child.name, child.value);
      i = child.end;
    }
  }
}

function addChild(parent: XmlObject, name: string, value: XmlValue): void {
  if (!Object.hasOwn(parent, name)) parent[name] = value;
  else {
    const previous = parent[name]!;
    if (Array.isArray(previous)) previous.push(value);
    else parent[name] = [previous, value];
  }
}

function withText(children: XmlObject, text: string): XmlObject {
  if (text !== '') children['#text'] = text;
  return children;
}

function readName(s: string, at: number): string {
  NAME.lastIndex = at;
  const m = NAME.exec(s);
  if (!m) throw malformed(`expected an element name at offset ${at}`);
  return m[0];
}

/** Attributes are well-formedness-checked and dropped: WeChat's callbacks carry none that matter. */
function skipAttributes(s: string, i: number): number {
  for (;;) {
    while (isSpace(s.charCodeAt(i))) i++;
    const c = s.charCodeAt(i);
    if (c === 62 /* > */) return i;
    if (c === 47 /* / */) {
      if (s.charCodeAt(i + 1) !== 62) throw malformed('expected /> ');
      return i;
    }
    const attr = readName(s, i);
    i += attr.length;
    while (isSpace(s.charCodeAt(i))) i++;
    if (s.charCodeAt(i) !== 61 /* = */) throw malformed(`attribute ${attr} has no value`);
    i += 1;
    while (isSpace(s.charCodeAt(i))) i++;
    const quote = s[i];
    if (quote !== '"' && quote !== "'") throw malformed(`attribute ${attr} is not quoted`);
    const close = s.indexOf(quote, i + 1);
    if (close === -1) throw malformed(`attribute ${attr} is not closed`);
    i = close + 1;
  }
}

function decodeText(text: string): string {
  if (!text.includes('&')) return text;
  if (STRAY_AMPERSAND.test(text)) throw malformed('a bare & in text');
  return text.replace(ENTITY, decodeEntity);
}

function decodeEntity(match: string, name?: string, dec?: string, hex?: string): string {
  if (name !== undefined) return XML_ENTITIES[name] ?? match;
  const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? '', 16);
  return code <= 0x10ffff ? String.fromCodePoint(code) : match;
}

function after(s: string, terminator: string, from: number, what: string): number {
  const end = s.indexOf(terminator, from);
  if (end === -1) throw malformed(`${what} is not closed`);
  return end + terminator.length;
}

function declaration(s: string, i: number): WeChatProtocolError {
  return DTD_DECLARATION.test(s.slice(i, i + 9)) ? dtdRefused() : malformed('unexpected <! declaration');
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}
