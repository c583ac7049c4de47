import { callbackSignature, MessageCipher, messageSignature, parseXml } from '../../src/wechat';

export const TEST_ACCOUNT = {
  appId: 'wxb11529c136998cb6',
  originalId: 'gh_0123456789ab',
  name: 'Test Account',
  token: 'pamtest',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  appSecret: '0123456789abcdef0123456789abcdef',
};

export type Mode = 'plaintext' | 'compatible' | 'safe';

/** What WeChat would send for `xml` in `mode`: the query string and the body. */
export function wechatRequest(xml: string, mode: Mode, opts: { timestamp: number; nonce?: string; token?: string; key?: string; appId?: string }) {
  const token = opts.token ?? TEST_ACCOUNT.token;
  const timestamp = String(opts.timestamp);
  const nonce = opts.nonce ?? '1234567';
  const query: Record<string, string> = { signature: callbackSignature(token, timestamp, nonce), timestamp, nonce, openid: 'oUser0000000000000000000000' };
  if (mode === 'plaintext') return { query, body: xml };
  const cipher = new MessageCipher(opts.key ?? TEST_ACCOUNT.encodingAESKey, opts.appId ?? TEST_ACCOUNT.appId);
  const encrypt = cipher.encrypt(xml);
  query.encrypt_type = 'aes';
  query.msg_signature = messageSignature(token, timestamp, nonce, encrypt);
  const toUser = /<ToUserName><!\[CDATA\[(.*?)\]\]><\/ToUserName>/.exec(xml)?.[1] ?? '';
  const envelope = `<xml><ToUserName><![CDATA[${toUser}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
  // Compatible mode carries the plaintext fields as well as <Encrypt>.
  const body = mode === 'safe' ? envelope : xml.replace(/<\/xml>\s*$/, `<Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`);
  return { query, body };
}

/** Opens an encrypted reply as WeChat would: checks MsgSignature, decrypts, returns the inner XML. */
export function openEncryptedReply(body: string, opts: { token?: string; key?: string; appId?: string } = {}): string {
  const env = parseXml(body);
  const encrypt = String(env.Encrypt);
  const expected = messageSignature(opts.token ?? TEST_ACCOUNT.token, String(env.TimeStamp), String(env.Nonce), encrypt);
  if (expected !== env.MsgSignature) throw new Error('reply MsgSignature does not verify');
  return new MessageCipher(opts.key ?? TEST_ACCOUNT.encodingAESKey, opts.appId ?? TEST_ACCOUNT.appId).decrypt(encrypt);
}


export function toQueryString(query: Record<string, string>): string {
  return new URLSearchParams(query).toString();
}
