import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { WeChatProtocolError } from './errors';

/** WeChat pads to 32 bytes, not AES's 16 (§1.4); 16-byte PKCS#7 libraries reject pads above 16. */
const BLOCK = 32;
const RANDOM_BYTES = 16;
const LENGTH_BYTES = 4;
const AES_KEY = /^[A-Za-z0-9]{43}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** PKCS#7 to 32: always 1..32 bytes, a full block of 0x20 when the input is already aligned (esap/wechat#43). */
export function pkcs7Pad(buf: Buffer): Buffer {
  const pad = BLOCK - (buf.length % BLOCK);
  return Buffer.concat([buf, Buffer.alloc(pad, pad)]);
}

export function pkcs7Unpad(buf: Buffer): Buffer {
  const pad = buf.length > 0 ? buf[buf.length - 1]! : 0;
  if (pad < 1 || pad > BLOCK || pad > buf.length) {
    throw WeChatProtocolError.of('buffer_invalid', `PKCS#7 pad byte ${pad} is outside 1..${BLOCK}`);
  }
  for (let i = buf.length - pad; i < buf.length; i++) {
    if (buf[i] !== pad) throw WeChatProtocolError.of('buffer_invalid', 'PKCS#7 padding bytes are inconsistent');
  }
  return buf.subarray(0, buf.length - pad);
}

/**
 * The AES-256-CBC message scheme of safe and compatible mode (§1.4), both directions:
 * `random(16) || uint32_be(utf8 length) || xml || appId`, padded to 32, IV = key[0..16).
 * One instance per account; the key is decoded once here because decrypt runs on every callback.
 */
export class MessageCipher {
  private readonly key: Buffer;
  private readonly iv: Buffer;
  private readonly appId: Buffer;

  constructor(encodingAESKey: string, appId: string) {
    if (!AES_KEY.test(encodingAESKey)) {
      throw WeChatProtocolError.of('aes_key_invalid', 'EncodingAESKey must be exactly 43 characters from [A-Za-z0-9]');
    }
    // The console shows the key without its base64 padding; forgetting the '=' is a classic (Eric-Guo/wechat#67).
    this.key = Buffer.from(`${encodingAESKey}=`, 'base64');
    this.iv = this.key.subarray(0, 16);
    this.appId = Buffer.from(appId, 'utf8');
  }

  /** Returns the base64 `Encrypt` value for `xml`. `random` is fixed only by known-answer tests. */
  encrypt(xml: string, random: Buffer = randomBytes(RANDOM_BYTES)): string {
    if (random.length !== RANDOM_BYTES) throw new RangeError(`random must be ${RANDOM_BYTES} bytes`);
    const message = Buffer.from(xml, 'utf8');
    const length = Buffer.allocUnsafe(LENGTH_BYTES);
    length.writeUInt32BE(message.length, 0);
    const plain = pkcs7Pad(Buffer.concat([random, length, message, this.appId]));
    const cipher = createCipheriv('aes-256-cbc', this.key, this.iv).setAutoPadding(false);
    return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
  }

  /** Opens an `Encrypt` value and returns the XML inside, after checking it was meant for our appId. */
  decrypt(encrypt: string): string {
    if (typeof encrypt !== 'string' || !BASE64.test(encrypt)) {
      throw WeChatProtocolError.of('decrypt_failed', 'Encrypt is not standard base64');
    }
    const data = Buffer.from(encrypt, 'base64');
    if (data.length === 0 || data.length % 16 !== 0) {
      throw WeChatProtocolError.of('decrypt_failed', `ciphertext length ${data.length} is not a whole number of AES blocks`);
    }
    const decipher = createDecipheriv('aes-256-cbc', this.key, this.iv).setAutoPadding(false);
    const plain = pkcs7Unpad(Buffer.concat([decipher.update(data), decipher.final()]));
    const header = RANDOM_BYTES + LENGTH_BYTES;
    if (plain.length < header) throw WeChatProtocolError.of('buffer_invalid', 'decrypted buffer is shorter than its header');
    const length = plain.readUInt32BE(RANDOM_BYTES);
    if (length > plain.length - header) {
      throw WeChatProtocolError.of('buffer_invalid', 'message length in the decrypted buffer exceeds the buffer');
    }
    const receivedAppId = plain.subarray(header + length);
    if (!receivedAppId.equals(this.appId)) {
      // Usually a wrong AppID in our config, which users see as "该公众号暂时无法提供服务" (node-webot/wechat#140).
      throw WeChatProtocolError.of('appid_mismatch', 'the message was encrypted for a different appId');
    }
    return plain.toString('utf8', header, header + length);
  }
}
