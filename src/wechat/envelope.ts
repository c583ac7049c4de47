import type { MessageCipher } from './crypto';
import { WeChatProtocolError } from './errors';
import { messageSignature } from './signature';
import { cdata } from './xml';

export interface EncryptReplyInput {
  cipher: MessageCipher;
  token: string;
  /** The plaintext reply XML from renderReply. */
  replyXml: string;
  /** Fresh or echoed from the request; the signature covers whichever values go in the envelope. */
  timestamp: string;
  nonce: string;
  /** Fixed only by known-answer tests. */
  random?: Buffer;
}

/**
 * Wraps a reply for safe/compatible mode (§1.5). `success` and empty replies are not encrypted:
 * the caller sends those as-is.
 */
export function encryptReply({ cipher, token, replyXml, timestamp, nonce, random }: EncryptReplyInput): string {
  // TimeStamp is bare text in the envelope, so only digits may go there.
  if (!/^\d+$/.test(timestamp)) throw WeChatProtocolError.of('reply_invalid', 'the envelope TimeStamp must be unix seconds');
  const encrypt = cipher.encrypt(replyXml, random);
  const signature = messageSignature(token, timestamp, nonce, encrypt);
  return `<xml><Encrypt>${cdata(encrypt)}</Encrypt><MsgSignature>${cdata(signature)}</MsgSignature>`
    + `<TimeStamp>${timestamp}</TimeStamp><Nonce>${cdata(nonce)}</Nonce></xml>`;
}
