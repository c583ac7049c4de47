import { createDecipheriv } from 'node:crypto';
import { MessageCipher, messageSignature, pkcs7Pad, pkcs7Unpad, WeChatProtocolError } from '../../../src/wechat';

// Known-answer vectors of §1.6, verbatim.
const OA = { token: 'pamtest', key: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', appId: 'wxb11529c136998cb6' };
const A = {
  timestamp: '1458300676',
  nonce: '260774613',
  msgSignature: '4f3ad57b6989f09f4eb392acce4f9e93942ed890',
  encrypt: 'rTNFcsut4LfGuAFKEUVVpwcaCOTJzOd9twZdIW910jb3k+iicx2uvhttIZ3Qg9Qgty3BEF2xbOrz6boTfb30dMomcgrkTqdFPwnhqbk+kIQ7rZiwny9D7NUrTgA5kpX3KsZvrXzUZyP2x9YOlxbgm572lmxKvM7HAQQhIQ/p6HBmoY30bGXFK0BtIu1pW9TjhOYrLQoU18nWYjWqDA1ynkmOytpv7QRI1P1+0NoxL0q2zO1DgeSvnE8CZGo/o5Ap/WHK5W2RAsinpzN4/LjPnmB6U01I5XCoJoC0GK/yMZycd2Oh8Nq6+wBkC1U85oy0ktOY4nLvsQMLrourmMGdZHuTbqpeJ8Ao/5PRYJ+WBvRUwPfGKBL2+2IKZF49vAJqkcGWSHGE76ZN2erXeuNazf/o9o3lIE3q739o4c8t9QGPe31GT2Go/rOz1BsrASwvauNulCh+++yz+CQzBIuikA==',
  plaintext: '<xml><URL><![CDATA[http://wechat.laravel.so/server]]></URL><ToUserName><![CDATA[asdasdasd]]></ToUserName><FromUserName><![CDATA[asdasdasdsadasd]]></FromUserName><CreateTime>1234567898</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello]]></Content><MsgId>12345</MsgId></xml>',
};
const B = { timestamp: '1409304348', nonce: 'xxxxxx', random: Buffer.from('aaaabbbbccccdddd', 'ascii') };
const B1 = {
  plaintext: '我是中文abcd123',
  encrypt: 'jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==',
  msgSignature: '82c962d39941aa48552f90ef55aa323dc620cc10',
};
const B2 = {
  plaintext: '<xml><ToUserName><![CDATA[oia2Tj我是中文jewbmiOUlr6X-1crbLOvLw]]></ToUserName><FromUserName><![CDATA[gh_7f083739789a]]></FromUserName><CreateTime>1407743423</CreateTime><MsgType><![CDATA[video]]></MsgType><Video><MediaId><![CDATA[eYJ1MbwPRJtOvIEabaxHs7TX2D-HV71s79GUxqdUkjm6Gs2Ed1KF3ulAOA9H1xG0]]></MediaId><Title><![CDATA[testCallBackReplyVideo]]></Title><Description><![CDATA[testCallBackReplyVideo]]></Description></Video></xml>',
  encrypt: 'jn1L23DB+6ELqJ+6bruv23M2GmYfkv0xBh2h+XTBOKVKcgDFHle6gqcZ1cZrk3e1qjPQ1F4RsLWzQRG9udbKWesxlkupqcEcW7ZQweImX9+wLMa0GaUzpkycA8+IamDBxn5loLgZpnS7fVAbExOkK5DYHBmv5tptA9tklE/fTIILHR8HLXa5nQvFb3tYPKAlHF3rtTeayNf0QuM+UW/wM9enGIDIJHF7CLHiDNAYxr+r+OrJCmPQyTy8cVWlu9iSvOHPT/77bZqJucQHQ04sq7KZI27OcqpQNSto2OdHCoTccjggX5Z9Mma0nMJBU+jLKJ38YB1fBIz+vBzsYjrTmFQ44YfeEuZ+xRTQwr92vhA9OxchWVINGC50qE/6lmkwWTwGX9wtQpsJKhP+oS7rvTY8+VdzETdfakjkwQ5/Xka042OlUb1/slTwo4RscuQ+RdxSGvDahxAJ6+EAjLt9d8igHngxIbf6YyqqROxuxqIeIch3CssH/LqRs+iAcILvApYZckqmA7FNERspKA5f8GoJ9sv8xmGvZ9Yrf57cExWtnX8aCMMaBropU/1k+hKP5LVdzbWCG0hGwx/dQudYR/eXp3P0XxjlFiy+9DMlaFExWUZQDajPkdPrEeOwofJb',
  msgSignature: 'ea88b765074e41eb8c7a75b449db34fa2fd560d5',
};
const C = {
  token: '123456',
  key: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR',
  appId: 'wx49f0ab532d5d035a',
  timestamp: '1411525903',
  nonce: '461056294',
  msgSignature: '74d92dfeb87ba7c714f89d98870ae5eb62dff26d',
  encrypt: 'RgqEoJj5A4EMYlLvWO1F86ioRjZfaex/gePD0gOXTxpsq5Yj4GNglrBb8I2BAJVODGajiFnXBu7mCPatfjsu6IHCrsTyeDXzF6Bv283dGymzxh6ydJRvZsryDyZbLTE7rhnus50qGPMfp2wASFlzEgMW9z1ef/RD8XzaFYgm7iTdaXpXaG4+BiYyolBug/gYNx410cvkKR2/nPwBiT+P4hIiOAQqGp/TywZBtDh1yCF2KOd0gpiMZ5jSw3e29mTvmUHzkVQiMS6td7vXUaWOMZnYZlF3So2SjHnwh4jYFxdgpkHHqIrH/54SNdshoQgWYEvccTKe7FS709/5t6NMxuGhcUGAPOQipvWTT4dShyqio7mlsl5noTrb++x6En749zCpQVhDpbV6GDnTbcX2e8K9QaNWHp91eBdCRxthuL0=',
};

/** Opens ciphertext with node:crypto directly, independent of the code under test, to look at the padded buffer. */
function rawDecrypt(encodingAESKey: string, encrypt: string): Buffer {
  const key = Buffer.from(`${encodingAESKey}=`, 'base64');
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([decipher.update(Buffer.from(encrypt, 'base64')), decipher.final()]);
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof WeChatProtocolError ? err.code : `not a protocol error: ${String(err)}`;
  }
  return undefined;
}

describe('MessageCipher known answers', () => {
  it('when decrypting vector A, then the plaintext is the published 293-byte message and its msg_signature verifies', () => {
    const xml = new MessageCipher(OA.key, OA.appId).decrypt(A.encrypt);
    expect(xml).toBe(A.plaintext);
    expect(Buffer.byteLength(xml)).toBe(293);
    expect(messageSignature(OA.token, A.timestamp, A.nonce, A.encrypt)).toBe(A.msgSignature);
  });

  it('when looking inside vector A, then the buffer is 352 bytes with pad 21, random prefix and trailing appid', () => {
    const plain = rawDecrypt(OA.key, A.encrypt);
    expect(plain.length).toBe(352);
    expect(plain[plain.length - 1]).toBe(21);
    expect(plain.subarray(0, 16).toString('latin1')).toBe('d43123b161a4ba84');
    expect(plain.subarray(0, plain.length - 21).toString().endsWith(OA.appId)).toBe(true);
  });

  it.each([['B1', B1], ['B2', B2]])('when encrypting vector %s with the fixed random, then Encrypt and MsgSignature are the published ones', (_name, v) => {
    const encrypt = new MessageCipher(OA.key, OA.appId).encrypt(v.plaintext, B.random);
    expect(encrypt).toBe(v.encrypt);
    expect(messageSignature(OA.token, B.timestamp, B.nonce, encrypt)).toBe(v.msgSignature);
    expect(new MessageCipher(OA.key, OA.appId).decrypt(encrypt)).toBe(v.plaintext);
  });

  it('when encrypting B1, then the buffer is 64 bytes with pad 7 and the length prefix counts UTF-8 bytes (19), not characters', () => {
    const plain = rawDecrypt(OA.key, B1.encrypt);
    expect(plain.length).toBe(64);
    expect(plain[63]).toBe(7);
    expect(plain.readUInt32BE(16)).toBe(19);
  });

  it('when decrypting vector C, then it is the 281-byte text message from messense and the pad byte is 0x01', () => {
    const xml = new MessageCipher(C.key, C.appId).decrypt(C.encrypt);
    expect(Buffer.byteLength(xml)).toBe(281);
    expect(xml).toContain('<FromUserName><![CDATA[messense]]></FromUserName>');
    expect(xml).toContain('<Content><![CDATA[test]]></Content>');
    expect(messageSignature(C.token, C.timestamp, C.nonce, C.encrypt)).toBe(C.msgSignature);
    const plain = rawDecrypt(C.key, C.encrypt);
    expect(plain.length).toBe(320);
    expect(plain[319]).toBe(1);
  });

  it('when encrypting vector C\'s reply with random 1234567890123456, then Encrypt starts with the published prefix', () => {
    // The prefix is the first ciphertext block: it depends on the key, the IV and the random bytes only.
    const reply = ['<xml>', '<ToUserName><![CDATA[messense]]></ToUserName>', '<FromUserName><![CDATA[wx49f0ab532d5d035a]]></FromUserName>',
      '<CreateTime>1411525903</CreateTime>', '<MsgType><![CDATA[text]]></MsgType>', '<Content><![CDATA[test]]></Content>', '</xml>'].join('\n');
    const encrypt = new MessageCipher(C.key, C.appId).encrypt(reply, Buffer.from('1234567890123456'));
    expect(encrypt.startsWith('9s4gMv99m88kKTh/H8Id')).toBe(true);
    expect(new MessageCipher(C.key, C.appId).decrypt(encrypt)).toBe(reply);
  });
});

describe('MessageCipher padding edge cases', () => {
  const cipher = new MessageCipher(OA.key, OA.appId);

  it('when the message makes the buffer a multiple of 32, then a full block of 32 bytes of 0x20 is added and it round-trips', () => {
    const xml = 'x'.repeat(32 - ((16 + 4 + OA.appId.length) % 32)); // 26 bytes: 16 + 4 + 26 + 18 = 64
    const encrypt = cipher.encrypt(xml);
    const plain = rawDecrypt(OA.key, encrypt);
    expect(plain.length).toBe(96);
    expect([...plain.subarray(64)]).toEqual(new Array(32).fill(0x20));
    expect(cipher.decrypt(encrypt)).toBe(xml);
  });

  it('when the message is empty, then it round-trips', () => {
    expect(cipher.decrypt(cipher.encrypt(''))).toBe('');
  });

  it('when no random is given, then two encryptions of the same message differ but both decrypt', () => {
    const [one, two] = [cipher.encrypt('<xml/>'), cipher.encrypt('<xml/>')];
    expect(one).not.toBe(two);
    expect([cipher.decrypt(one), cipher.decrypt(two)]).toEqual(['<xml/>', '<xml/>']);
  });
});

describe('MessageCipher failures', () => {
  const cipher = new MessageCipher(OA.key, OA.appId);
  const flip = (encrypt: string, index: number, mask: number): string => {
    const data = Buffer.from(encrypt, 'base64');
    data[index] = data[index]! ^ mask;
    return data.toString('base64');
  };

  it('when the message was encrypted for another appId, then it is refused with appid_mismatch (-40005)', () => {
    expect(codeOf(() => new MessageCipher(OA.key, 'wx0000000000000000').decrypt(A.encrypt))).toBe('appid_mismatch');
    const err = (() => { try { new MessageCipher(OA.key, 'wxother').decrypt(A.encrypt); } catch (e) { return e; } })();
    expect(err).toMatchObject({ status: 400, wechatCode: -40005 });
  });

  it('when the ciphertext is tampered so the pad byte becomes 0, then it is refused with buffer_invalid', () => {
    const data = Buffer.from(A.encrypt, 'base64');
    expect(codeOf(() => cipher.decrypt(flip(A.encrypt, data.length - 17, 21)))).toBe('buffer_invalid');
  });

  it('when the ciphertext is tampered in the length prefix, then it is refused with buffer_invalid', () => {
    expect(codeOf(() => cipher.decrypt(flip(A.encrypt, 0, 0x01)))).toBe('buffer_invalid');
  });

  it('when the ciphertext is truncated, not base64, or empty, then it is refused with decrypt_failed', () => {
    expect(codeOf(() => cipher.decrypt(A.encrypt.slice(0, 100)))).toBe('decrypt_failed');
    expect(codeOf(() => cipher.decrypt('not base64 at all!'))).toBe('decrypt_failed');
    expect(codeOf(() => cipher.decrypt(''))).toBe('decrypt_failed');
    expect(codeOf(() => cipher.decrypt(Buffer.alloc(20).toString('base64')))).toBe('decrypt_failed');
  });

  it('when decrypting with a different key, then it is refused with a protocol error, never garbage', () => {
    expect(codeOf(() => new MessageCipher(C.key, OA.appId).decrypt(A.encrypt))).toMatch(/^(buffer_invalid|appid_mismatch)$/);
  });

  it.each([
    ['42 characters', OA.key.slice(1)],
    ['44 characters', `${OA.key}A`],
    ['a character outside [A-Za-z0-9]', `${OA.key.slice(0, 42)}+`],
    ['the base64 padding included', `${OA.key}=`],
  ])('when the EncodingAESKey has %s, then it is refused with aes_key_invalid', (_what, key) => {
    expect(codeOf(() => new MessageCipher(key, OA.appId))).toBe('aes_key_invalid');
  });
});

describe('pkcs7Pad / pkcs7Unpad (block 32)', () => {
  it('when padding, then the pad is 1..32 and an aligned input gets a full block', () => {
    expect([...pkcs7Pad(Buffer.alloc(31)).subarray(31)]).toEqual([1]);
    expect(pkcs7Pad(Buffer.alloc(32)).length).toBe(64);
    expect(pkcs7Pad(Buffer.alloc(0))).toEqual(Buffer.alloc(32, 32));
    expect(pkcs7Pad(Buffer.alloc(17)).subarray(17)).toEqual(Buffer.alloc(15, 15));
  });

  it('when unpadding what was padded, then the original comes back', () => {
    for (const n of [0, 1, 15, 16, 17, 31, 32, 33]) expect(pkcs7Unpad(pkcs7Pad(Buffer.alloc(n, 7)))).toEqual(Buffer.alloc(n, 7));
  });

  it('when the pad byte is 0, above 32, longer than the buffer, or the pad bytes disagree, then buffer_invalid', () => {
    expect(codeOf(() => pkcs7Unpad(Buffer.from([1, 2, 0])))).toBe('buffer_invalid');
    expect(codeOf(() => pkcs7Unpad(Buffer.alloc(64, 33)))).toBe('buffer_invalid');
    expect(codeOf(() => pkcs7Unpad(Buffer.from([5, 5])))).toBe('buffer_invalid');
    expect(codeOf(() => pkcs7Unpad(Buffer.from([9, 3, 2, 3])))).toBe('buffer_invalid');
    expect(codeOf(() => pkcs7Unpad(Buffer.alloc(0)))).toBe('buffer_invalid');
  });
});
