import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { SecretBox } from './accounts.ports';

const VERSION = 'v1';
const IV_BYTES = 12; // the size GCM is designed for; random per seal, so never reused under one key
const TAG_BYTES = 16;
const KEY_BYTES = 32;

function unreadable(): AppError {
  // Deliberately vague: the blob, the key and the crypto library's message all stay out of the error.
  return new AppError(
    'secret_unreadable',
    'stored secrets could not be decrypted: they were altered or sealed under another master key',
    500,
  );
}

/**
 * AES-256-GCM under the master key. Format `v1.<iv>.<tag>.<ciphertext>` (base64), so a later
 * algorithm or key rotation can be told apart from what is stored today. The version string is
 * bound in as associated data: relabelling a blob breaks its tag.
 */
export function createSecretBox(masterKey: Buffer): SecretBox {
  if (masterKey.length !== KEY_BYTES) {
    throw new AppError('master_key_invalid', `the master key must be ${KEY_BYTES} bytes`, 500);
  }
  const key = Buffer.from(masterKey); // a copy: the caller may zero or reuse its buffer
  const aad = Buffer.from(VERSION, 'utf8');

  return {
    seal(plaintext: string): string {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(aad);
      const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), ct.toString('base64')].join('.');
    },

    open(sealed: string): string {
      const parts = sealed.split('.');
      if (parts.length !== 4 || parts[0] !== VERSION) throw unreadable();
      const [iv, tag, ct] = parts.slice(1).map((p) => Buffer.from(p, 'base64')) as [Buffer, Buffer, Buffer];
      // Node accepts truncated tags unless told the length; check it so a 1-byte tag cannot be forged.
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw unreadable();
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(aad);
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
      } catch {
        throw unreadable();
      }
    },
  };
}

/**
 * Reads a master key written as 64 hex characters or as the 44-character base64 of 32 bytes
 * (`openssl rand -hex 32` / `openssl rand -base64 32`). The message never repeats the text.
 */
export function parseMasterKey(text: string): Buffer {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
  if (/^[A-Za-z0-9+/]{43}=$/.test(t)) {
    const key = Buffer.from(t, 'base64');
    if (key.length === KEY_BYTES) return key;
  }
  throw new AppError(
    'master_key_invalid',
    'the master key must be 64 hexadecimal characters or 44 base64 characters encoding 32 bytes',
    500,
  );
}
