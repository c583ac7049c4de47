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
  if (!DTD.test(body)) return;
  if (DTD.test(body.replace(CDATA_OR_COMMENT, ''))) throw dtdRefused();
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
