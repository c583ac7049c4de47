import { randomInt } from 'node:crypto';
import { callbackSignature, MessageCipher, messageSignature, cdata } from '../../wechat';
import type { EmulatorAccount } from './contract';

export interface SignedCallback {
  url: string;
  body: string;
}

/**
 * What WeChat POSTs for `xml` (§1.3): `signature`, `timestamp`, `nonce` and the sender's `openid`
 * in the query; in compatible/safe mode also `encrypt_type=aes&msg_signature`, with the body being
 * ToUserName + Encrypt (safe) or every plaintext field + Encrypt (compatible).
 */
export function signCallback(account: EmulatorAccount, xml: string, openid: string, timestampSeconds: number): SignedCallback {
  const timestamp = String(timestampSeconds);
  // WeChat's nonces are 9–10 digit numbers.
  const nonce = String(randomInt(100_000_000, 2_000_000_000));
  const url = new URL(account.webhookUrl!);
  url.searchParams.set('signature', callbackSignature(account.token, timestamp, nonce));
  url.searchParams.set('timestamp', timestamp);
  url.searchParams.set('nonce', nonce);
  url.searchParams.set('openid', openid);
  if (account.mode === 'plaintext') return { url: url.toString(), body: xml };

  const encrypt = new MessageCipher(account.encodingAESKey!, account.appId).encrypt(xml);
  url.searchParams.set('encrypt_type', 'aes');
  url.searchParams.set('msg_signature', messageSignature(account.token, timestamp, nonce, encrypt));
  const encryptElement = `<Encrypt>${cdata(encrypt)}</Encrypt>`;
  const body = account.mode === 'safe'
    ? `<xml><ToUserName>${cdata(account.originalId)}</ToUserName>${encryptElement}</xml>`
    : xml.replace(/<\/xml>$/, `${encryptElement}</xml>`);
  return { url: url.toString(), body };
}
