import { createSecretBox, parseMasterKey } from '../../../../src/modules/accounts';
import { AppError } from '../../../../src/shared/errors';
import { caught, TEST_MASTER_KEY } from '../../../helpers/accounts';

const box = createSecretBox(TEST_MASTER_KEY);

/** Flips one bit in the base64 part `index` of a sealed blob. */
function flip(sealed: string, index: number): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[index]!, 'base64');
  bytes[0]! ^= 0x01;
  parts[index] = bytes.toString('base64');
  return parts.join('.');
}

async function expectUnreadable(work: () => unknown): Promise<void> {
  const err = await caught(work);
  expect(err).toBeInstanceOf(AppError);
  expect(err.code).toBe('secret_unreadable');
}

describe('createSecretBox', () => {
  it('when a secret is sealed, then opening gives it back and the blob does not contain it', () => {
    const sealed = box.seal('{"token":"abc123"}');
    expect(sealed).toMatch(/^v1\.[^.]+\.[^.]+\.[^.]+$/);
    expect(sealed).not.toContain('abc123');
    expect(box.open(sealed)).toBe('{"token":"abc123"}');
  });

  it('when the same text is sealed twice, then the blobs differ (a fresh IV each time)', () => {
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it.each([[1, 'IV'], [2, 'tag'], [3, 'ciphertext']])('when the %s part (%s) is altered, then open refuses', async (index) => {
    await expectUnreadable(() => box.open(flip(box.seal('secret'), index)));
  });

  it('when the blob was sealed under another key, then open refuses', async () => {
    const other = createSecretBox(Buffer.alloc(32, 9));
    await expectUnreadable(() => box.open(other.seal('secret')));
  });

  it('when the tag is truncated, then open refuses instead of checking fewer bytes', async () => {
    const parts = box.seal('secret').split('.');
    parts[2] = Buffer.from(parts[2]!, 'base64').subarray(0, 4).toString('base64');
    await expectUnreadable(() => box.open(parts.join('.')));
  });

  it.each(['', 'garbage', 'v2.a.b.c', 'v1.a.b'])('when the blob is %j, then open refuses', async (blob) => {
    await expectUnreadable(() => box.open(blob));
  });

  it('when the error is reported, then it does not contain the plaintext or the key', async () => {
    const err = await caught(() => box.open(flip(box.seal('topsecret'), 3)));
    expect(err.message).not.toContain('topsecret');
    expect(err.message).not.toContain(TEST_MASTER_KEY.toString('hex'));
  });

  it('when the master key is not 32 bytes, then the box is not created', async () => {
    expect((await caught(() => createSecretBox(Buffer.alloc(16)))).code).toBe('master_key_invalid');
  });
});

describe('parseMasterKey', () => {
  const key = Buffer.from('00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff', 'hex');

  it('when given 64 hex characters, then it decodes them', () => {
    expect(parseMasterKey(key.toString('hex'))).toEqual(key);
  });

  it('when given 44 base64 characters, then it decodes them', () => {
    expect(parseMasterKey(`${key.toString('base64')}\n`)).toEqual(key);
  });

  it.each(['', 'abc', '0'.repeat(63), 'z'.repeat(64), Buffer.alloc(31).toString('base64')])(
    'when given %j, then it is refused without repeating the text',
    async (text) => {
      const err = await caught(() => parseMasterKey(text));
      expect(err.code).toBe('master_key_invalid');
      if (text) expect(err.message).not.toContain(text);
    },
  );
});
