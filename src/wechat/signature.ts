import { createHash, hash, timingSafeEqual } from 'node:crypto';

/**
 * The two callback signatures (§1.2, §1.3): SHA-1, lowercase hex, over the inputs sorted
 * byte-wise and joined with no separator.
 */
function sha1OfSorted(parts: string[]): string {
  // Byte-wise order is the documented rule. For ASCII (what the platform sends: tokens, digits,
  // base64) it equals JS's string order, and the one-shot hash over a string is three times cheaper
  // than sorting buffers on this hot path. A token with other characters would sort differently
  // (non-BMP ones in particular), so it takes the byte-wise path.
  if (parts.every(isAscii)) return hash('sha1', parts.sort().join(''), 'hex');
  const sorted = parts.map((part) => Buffer.from(part, 'utf8')).sort(Buffer.compare);
  return createHash('sha1').update(Buffer.concat(sorted)).digest('hex');
}

const isAscii = (s: string) => Buffer.byteLength(s, 'utf8') === s.length;

/** `signature` on every callback, in every mode: over (token, timestamp, nonce) only. */
export function callbackSignature(token: string, timestamp: string, nonce: string): string {
  return sha1OfSorted([token, timestamp, nonce]);
}

/** `msg_signature` on encrypted callbacks and `MsgSignature` in encrypted replies. */
export function messageSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return sha1OfSorted([token, timestamp, nonce, encrypt]);
}

/**
 * Constant-time comparison, so response timing does not leak how much of a forged signature
 * was right. A missing or different-length value fails without comparing.
 */
export function signatureMatches(expected: string, given: string | undefined | null): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}

export interface UrlVerification {
  token: string;
  signature: string | undefined | null;
  timestamp: string | undefined | null;
  nonce: string | undefined | null;
  echostr: string | undefined | null;
}

/**
 * GET URL verification. The Official Account rule differs from WeCom's: `signature` covers only
 * (token, timestamp, nonce) and `echostr` goes back as-is, never decrypted, in every mode
 * (liyiorg/weixin-popular#148, borball/weixin-sdk#75 copied the WeCom flow and broke on this).
 * Returns the body to answer, or null when verification fails.
 */
export function verifyUrl({ token, signature, timestamp, nonce, echostr }: UrlVerification): string | null {
  if (typeof timestamp !== 'string' || typeof nonce !== 'string' || typeof echostr !== 'string') return null;
  return signatureMatches(callbackSignature(token, timestamp, nonce), signature) ? echostr : null;
}
