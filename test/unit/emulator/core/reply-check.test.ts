import { verifyReply } from '../../../../src/emulator/core/reply-check';
import { encryptReply, MessageCipher, renderReply, type Reply } from '../../../../src/wechat';
import { EMULATOR_ACCOUNT } from '../../../helpers/emulator';

const OPENID = 'oFan000000000000000000000001';
const plain = EMULATOR_ACCOUNT;
const safe = { ...EMULATOR_ACCOUNT, mode: 'safe' as const };
const compatible = { ...EMULATOR_ACCOUNT, mode: 'compatible' as const };
const address = { toUser: OPENID, fromUser: plain.originalId, createTime: 1_700_000_000 };
const xml = (reply: Reply, to = address) => renderReply(reply, to);
const sealed = (replyXml: string, appId = plain.appId) =>
  encryptReply({ cipher: new MessageCipher(plain.encodingAESKey!, appId), token: plain.token, replyXml, timestamp: '1700000000', nonce: 'n1' });
const article = { title: 'T', url: 'https://e.com' };

describe('WeChat reads the passive reply (§1.5, §3)', () => {
  it('when the body is empty or success, then nothing is shown', () => {
    expect(verifyReply(plain, OPENID, false, 200, '')).toEqual({ kind: 'none' });
    expect(verifyReply(safe, OPENID, false, 200, 'success')).toEqual({ kind: 'none' });
  });

  it('when a plaintext text reply is addressed right, then it is shown with its fields', () => {
    expect(verifyReply(plain, OPENID, false, 200, xml({ type: 'text', content: 'hi' })))
      .toEqual({ kind: 'reply', msgType: 'text', fields: expect.objectContaining({ Content: 'hi', ToUserName: OPENID }) });
  });

  it('when the addressing is swapped or foreign, then it is invalid', () => {
    expect(verifyReply(plain, OPENID, false, 200, xml({ type: 'text', content: 'x' }, { ...address, toUser: 'oOther' }))).toMatchObject({ kind: 'invalid', reason: /ToUserName/ });
    expect(verifyReply(plain, OPENID, false, 200, xml({ type: 'text', content: 'x' }, { ...address, fromUser: 'gh_other' }))).toMatchObject({ kind: 'invalid', reason: /FromUserName/ });
  });

  it('when the body is JSON, broken XML or an HTTP error, then it is invalid', () => {
    expect(verifyReply(plain, OPENID, false, 200, '{"type":"text"}').kind).toBe('invalid');
    expect(verifyReply(plain, OPENID, false, 200, '<xml><Content>').kind).toBe('invalid');
    expect(verifyReply(plain, OPENID, false, 500, 'success').kind).toBe('invalid');
  });

  it('when a safe-mode reply is a valid envelope, then it is decrypted and shown', () => {
    expect(verifyReply(safe, OPENID, false, 200, sealed(xml({ type: 'text', content: 'secret hi' })))).toMatchObject({ kind: 'reply', fields: { Content: 'secret hi' } });
  });

  it('when a safe-mode reply is plaintext, then it is invalid; in compatible mode either form is fine', () => {
    const reply = xml({ type: 'text', content: 'hi' });
    expect(verifyReply(safe, OPENID, false, 200, reply)).toMatchObject({ kind: 'invalid', reason: /encrypted/ });
    expect(verifyReply(compatible, OPENID, false, 200, reply).kind).toBe('reply');
    expect(verifyReply(compatible, OPENID, false, 200, sealed(reply)).kind).toBe('reply');
  });

  it('when the envelope signature is wrong or the ciphertext is for another appId, then it is invalid', () => {
    const reply = xml({ type: 'text', content: 'hi' });
    const forged = sealed(reply).replace(/<MsgSignature><!\[CDATA\[[0-9a-f]+\]\]>/, '<MsgSignature><![CDATA[0000]]>');
    expect(verifyReply(safe, OPENID, false, 200, forged)).toMatchObject({ kind: 'invalid', reason: /MsgSignature/ });
    expect(verifyReply(safe, OPENID, false, 200, sealed(reply, 'wx9999999999999999'))).toMatchObject({ kind: 'invalid', reason: /different appId/ });
  });

  it('when a news reply answers a message, then only 1 article is allowed; an event allows up to 8', () => {
    const two = xml({ type: 'news', articles: [article, article] });
    expect(verifyReply(plain, OPENID, false, 200, two)).toMatchObject({ kind: 'invalid', reason: /1 to 1 articles/ });
    expect(verifyReply(plain, OPENID, true, 200, two)).toMatchObject({ kind: 'reply', fields: { Articles: { item: [expect.anything(), expect.anything()] } } });
    const one = verifyReply(plain, OPENID, false, 200, xml({ type: 'news', articles: [article] }));
    expect(one).toMatchObject({ kind: 'reply', fields: { Articles: { item: [{ Title: 'T' }] } } });
  });

  it('when ArticleCount disagrees with the items or a media reply has no MediaId, then it is invalid', () => {
    const lying = xml({ type: 'news', articles: [article] }).replace('<ArticleCount>1</ArticleCount>', '<ArticleCount>2</ArticleCount>');
    expect(verifyReply(plain, OPENID, true, 200, lying).kind).toBe('invalid');
    expect(verifyReply(plain, OPENID, false, 200, xml({ type: 'image', mediaId: '' })).kind).toBe('invalid');
  });

  it('when MsgType is not a reply type, then it is invalid', () => {
    const odd = xml({ type: 'text', content: 'x' }).replace('<![CDATA[text]]>', '<![CDATA[event]]>');
    expect(verifyReply(plain, OPENID, false, 200, odd)).toMatchObject({ kind: 'invalid', reason: /not a passive reply type/ });
  });
});
