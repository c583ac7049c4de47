/**
 * A URL query string as a plain object, with the same result as
 * `Object.fromEntries(new URLSearchParams(query))` (form decoding: `+` is a space, percent escapes,
 * the last of repeated keys wins). The webhook parses one per callback, and WeChat's queries
 * (signature, timestamp, nonce, openid …) need no decoding at all, so plain pairs skip the decoder;
 * URLSearchParams and fromEntries cost several times more on that hot path.
 */
export function parseQuery(query: string): Record<string, string> {
  // No prototype: a key such as `__proto__` is then an ordinary field, as fromEntries makes it.
  const out = Object.create(null) as Record<string, string>;
  const body = query.startsWith('?') ? query.slice(1) : query; // URLSearchParams drops one leading '?'
  if (body === '') return out;
  for (const pair of body.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = eq === -1 ? pair : pair.slice(0, eq);
    const value = eq === -1 ? '' : pair.slice(eq + 1);
    out[decode(key)] = decode(value);
  }
  return out;
}

const NEEDS_DECODING = /[%+]/;

function decode(s: string): string {
  if (!NEEDS_DECODING.test(s)) return s;
  // URLSearchParams decodes leniently (a stray '%' stays as is); it is the reference for anything unusual.
  return new URLSearchParams(`x=${s}`).get('x') ?? s;
}
