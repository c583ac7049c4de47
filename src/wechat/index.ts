/**
 * The WeChat Official Account callback protocol, pure: signatures, AES envelopes, inbound XML →
 * typed messages, replies → XML. No I/O; everything above the HTTP edge speaks through these names.
 */
export { WeChatProtocolError, type ProtocolErrorCode } from './errors';
export { callbackSignature, messageSignature, signatureMatches, verifyUrl, type UrlVerification } from './signature';
export { MessageCipher, pkcs7Pad, pkcs7Unpad } from './crypto';
export { cdata, parseXml } from './xml';
export type * from './messages';
export type * from './events';
export { dedupKey, toInboundMessage } from './inbound';
export { fitReplyTo, maxNewsArticles, renderReply, type NewsArticle, type Reply, type ReplyAddress } from './reply';
export { encryptReply, type EncryptReplyInput } from './envelope';
