import { dtdRefused, malformed, scanDocument } from './xml-scanner';

const DTD = /<!(?:doctype|entity)/i;
const CDATA_OR_COMMENT = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->/g;

/**
 * Refuses DTDs before any parsing (XXE: binarywang/WxJava#889, liyiorg/weixin-popular#158); the
 * scanner refuses them again wherever it meets one. Text inside CDATA is a follower's words, not
 * markup: "<!DOCTYPE html>" sent as a chat message must not fail the callback, so CDATA (and
 * comments) are skipped by this pre-scan.
 */
function refuseDtd(body: string): void {
  if (!mayDeclare(body)) return;
  if (DTD.test(body.replace(CDATA_OR_COMMENT, ''))) throw dtdRefused();
}

/**
 * Whether any `<!` is followed by a d or e (either case): a cheap superset of "has a DOCTYPE or
 * ENTITY". Every callback has `<![CDATA[`, and a case-insensitive regex over the whole body was a
 * visible share of the webhook's profile; indexOf skips to the few candidates.
 */
function mayDeclare(body: string): boolean {
  for (let i = body.indexOf('<!'); i !== -1; i = body.indexOf('<!', i + 2)) {
    const next = body.charCodeAt(i + 2) | 0x20; // ASCII letters to lower case
    if (next === 0x64 || next === 0x65) return true; // 'd', 'e'
  }
  return false;
}

/**
 * Parses a callback body into the raw field map: the children of the root `<xml>` as received.
 * Text values stay strings, repeated siblings become arrays, a single child stays an object.
 * Throws only WeChatProtocolError, whatever the input.
 */
export function parseXml(body: string): Record<string, unknown> {
  if (typeof body !== 'string') throw malformed('the body is not text');
  refuseDtd(body);
  const { name, value } = scanDocument(body);
  if (name !== 'xml') throw malformed('the root element must be <xml>');
  if (typeof value === 'string') throw malformed('the root <xml> has no child elements');
  return value;
}

/** Renders a CDATA section. A `]]>` inside is split across two sections so it cannot end the first early. */
export function cdata(value: string): string {
  const safe = value.includes(']]>') ? value.split(']]>').join(']]]]><![CDATA[>') : value;
  return `<![CDATA[${safe}]]>`;
}
