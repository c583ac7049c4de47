import fc from 'fast-check';
import { parseQuery } from '../../../src/http/query';

const reference = (q: string) => Object.fromEntries(new URLSearchParams(q));

describe('parseQuery', () => {
  it('when given a WeChat callback query, then every field comes back as sent', () => {
    const q = 'signature=2bf0b2e7f1a4a3e9c6b0f9e1a2b3c4d5e6f7a8b9&timestamp=1409304348&nonce=xxxxxx&openid=oUser0000000000000000000000&encrypt_type=aes&msg_signature=abc';
    expect(parseQuery(q)).toEqual(reference(q));
    expect(parseQuery(q).timestamp).toBe('1409304348');
  });

  it('when values are form-encoded, then + is a space and percent escapes are decoded', () => {
    expect(parseQuery('a=b+c&d=%E4%BD%A0%E5%A5%BD&e%3D=1')).toEqual({ a: 'b c', d: '你好', 'e=': '1' });
  });

  it('when a key repeats, has no value or the escape is broken, then it agrees with URLSearchParams', () => {
    for (const q of ['a=1&a=2', 'flag', 'a=&b', '&&a=1&', 'a=%zz', 'a=%E4%BD', '=x', 'a==b']) expect(parseQuery(q)).toEqual(reference(q));
  });

  it('when given any string, then it agrees with Object.fromEntries(new URLSearchParams(…))', () => {
    const piece = fc.oneof(fc.string(), fc.constantFrom('%', '+', '=', '&', '?', '__proto__', '%2', '%41', '%E4%BD%A0', '%zz'));
    fc.assert(fc.property(fc.array(piece, { maxLength: 12 }).map((parts) => parts.join('')), (q) => {
      expect(parseQuery(q)).toEqual(reference(q));
    }), { numRuns: 2000 });
  });
});
