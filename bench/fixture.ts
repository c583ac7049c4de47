import { callbackSignature, MessageCipher, messageSignature } from '../src/wechat';

export const BENCH_ACCOUNT = {
  appId: 'wxb11529c136998cb6',
  originalId: 'gh_0123456789ab',
  name: 'Bench',
  token: 'pamtest',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
};

const textMessage = (msgId: string, now: number) =>
  `<xml><ToUserName><![CDATA[${BENCH_ACCOUNT.originalId}]]></ToUserName><FromUserName><![CDATA[oUser0000000000000000000000]]></FromUserName><CreateTime>${now}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好 hello]]></Content><MsgId>${msgId}</MsgId></xml>`;

export interface PreparedRequest {
  path: string;
  body: string;
}

/**
 * `count` distinct callbacks (distinct MsgIds, so wxoa's retry dedup never short-cuts them), signed
 * as WeChat would sign them now; encrypted when `safe`. Built before the run so the load generator
 * spends nothing on crypto.
 */
export function prepareRequests(route: string, count: number, safe: boolean): PreparedRequest[] {
  const now = Math.floor(Date.now() / 1000);
  const cipher = new MessageCipher(BENCH_ACCOUNT.encodingAESKey, BENCH_ACCOUNT.appId);
  const base = BigInt('24300000000000000') + BigInt(Date.now()) * 1000n;
  const out: PreparedRequest[] = [];
  for (let i = 0; i < count; i++) {
    const xml = textMessage(String(base + BigInt(i)), now);
    const timestamp = String(now);
    const nonce = String(100000 + i);
    const query = new URLSearchParams({ signature: callbackSignature(BENCH_ACCOUNT.token, timestamp, nonce), timestamp, nonce, openid: 'oUser0000000000000000000000' });
    if (!safe) {
      out.push({ path: `${route}?${query}`, body: xml });
      continue;
    }
    const encrypt = cipher.encrypt(xml);
    query.set('encrypt_type', 'aes');
    query.set('msg_signature', messageSignature(BENCH_ACCOUNT.token, timestamp, nonce, encrypt));
    out.push({ path: `${route}?${query}`, body: `<xml><ToUserName><![CDATA[${BENCH_ACCOUNT.originalId}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>` });
  }
  return out;
}
