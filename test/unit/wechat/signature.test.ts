import { createHash } from 'node:crypto';
import { callbackSignature, messageSignature, signatureMatches, verifyUrl } from '../../../src/wechat';

// §1.2 worked example and §1.6 vectors A, B and C.
const TOKEN = 'pamtest';

describe('callbackSignature', () => {
  it('when given the worked URL-verification example, then it yields the published signature', () => {
    expect(callbackSignature('pamtest', '1409304348', 'xxxxxx')).toBe('76480565cbe296026c53aaacd1ad523a1ddba24f');
  });

  it('when a part has characters beyond ASCII, then the parts are sorted by their UTF-8 bytes, not by UTF-16 code units', () => {
    // '😀' (U+1F600, UTF-16 D83D DE00, UTF-8 F0 9F 98 80) sorts before 'ｚ' (U+FF5A, UTF-8 EF BD 9A) in
    // JS's string order but after it byte-wise: the documented rule is byte-wise.
    const expected = createHash('sha1').update(Buffer.concat([Buffer.from('1'), Buffer.from('ｚ'), Buffer.from('😀')])).digest('hex');
    expect(callbackSignature('😀', '1', 'ｚ')).toBe(expected);
  });

  it('when the inputs come in another order, then the signature is the same (they are sorted)', () => {
    expect(callbackSignature('xxxxxx', 'pamtest', '1409304348')).toBe(callbackSignature('pamtest', '1409304348', 'xxxxxx'));
  });
});

describe('messageSignature', () => {
  it('when given vector A, then it yields the published msg_signature', () => {
    const encrypt = 'rTNFcsut4LfGuAFKEUVVpwcaCOTJzOd9twZdIW910jb3k+iicx2uvhttIZ3Qg9Qgty3BEF2xbOrz6boTfb30dMomcgrkTqdFPwnhqbk+kIQ7rZiwny9D7NUrTgA5kpX3KsZvrXzUZyP2x9YOlxbgm572lmxKvM7HAQQhIQ/p6HBmoY30bGXFK0BtIu1pW9TjhOYrLQoU18nWYjWqDA1ynkmOytpv7QRI1P1+0NoxL0q2zO1DgeSvnE8CZGo/o5Ap/WHK5W2RAsinpzN4/LjPnmB6U01I5XCoJoC0GK/yMZycd2Oh8Nq6+wBkC1U85oy0ktOY4nLvsQMLrourmMGdZHuTbqpeJ8Ao/5PRYJ+WBvRUwPfGKBL2+2IKZF49vAJqkcGWSHGE76ZN2erXeuNazf/o9o3lIE3q739o4c8t9QGPe31GT2Go/rOz1BsrASwvauNulCh+++yz+CQzBIuikA==';
    expect(messageSignature(TOKEN, '1458300676', '260774613', encrypt)).toBe('4f3ad57b6989f09f4eb392acce4f9e93942ed890');
  });

  it('when given vector B1\'s Encrypt, then it yields the computed MsgSignature', () => {
    const encrypt = 'jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==';
    expect(messageSignature(TOKEN, '1409304348', 'xxxxxx', encrypt)).toBe('82c962d39941aa48552f90ef55aa323dc620cc10');
  });

  it('when the Encrypt value changes, then the signature changes (Encrypt is signed, unlike in callbackSignature)', () => {
    expect(messageSignature(TOKEN, '1', '2', 'abc')).not.toBe(messageSignature(TOKEN, '1', '2', 'abd'));
    expect(messageSignature(TOKEN, '1', '2', 'abc')).not.toBe(callbackSignature(TOKEN, '1', '2'));
  });
});

describe('signatureMatches', () => {
  const good = '76480565cbe296026c53aaacd1ad523a1ddba24f';

  it('when the given signature is identical, then it matches', () => {
    expect(signatureMatches(good, good)).toBe(true);
  });

  it('when one character differs, then it does not match', () => {
    expect(signatureMatches(good, `${good.slice(0, -1)}e`)).toBe(false);
  });

  it('when the given signature is missing, then it does not match', () => {
    expect(signatureMatches(good, undefined)).toBe(false);
    expect(signatureMatches(good, null)).toBe(false);
    expect(signatureMatches(good, '')).toBe(false);
  });

  it('when the given signature has a different length, then it does not match (and does not throw)', () => {
    expect(signatureMatches(good, good.slice(0, 39))).toBe(false);
    expect(signatureMatches(good, `${good}0`)).toBe(false);
    expect(signatureMatches(good, 'invalid-signature')).toBe(false);
  });
});

describe('verifyUrl', () => {
  const query = { token: TOKEN, signature: '76480565cbe296026c53aaacd1ad523a1ddba24f', timestamp: '1409304348', nonce: 'xxxxxx' };

  it('when the signature matches, then echostr comes back byte for byte', () => {
    expect(verifyUrl({ ...query, echostr: '5837397520665436492' })).toBe('5837397520665436492');
  });

  it('when echostr looks like ciphertext, then it is still returned as-is, never decrypted (OA rule, unlike WeCom)', () => {
    const echostr = 'jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==';
    expect(verifyUrl({ ...query, echostr })).toBe(echostr);
  });

  it('when echostr changes, then the same signature still verifies (echostr is not signed)', () => {
    expect(verifyUrl({ ...query, echostr: 'a' })).toBe('a');
    expect(verifyUrl({ ...query, echostr: 'b' })).toBe('b');
  });

  it('when the signature is wrong, then verification fails', () => {
    expect(verifyUrl({ ...query, signature: 'invalid-signature', echostr: 'x' })).toBeNull();
    expect(verifyUrl({ ...query, token: 'other', echostr: 'x' })).toBeNull();
  });

  it('when the signature, timestamp, nonce or echostr is missing, then verification fails', () => {
    expect(verifyUrl({ ...query, signature: undefined, echostr: 'x' })).toBeNull();
    expect(verifyUrl({ ...query, timestamp: undefined, echostr: 'x' })).toBeNull();
    expect(verifyUrl({ ...query, nonce: null, echostr: 'x' })).toBeNull();
    expect(verifyUrl({ ...query, echostr: undefined })).toBeNull();
  });
});
