import { AppError } from '../shared/errors';

/**
 * A callback that breaks the WeChat protocol: bad XML, a bad signature, ciphertext we cannot open.
 * Always a 4xx: it is the sender's fault, never ours. `wechatCode` is the code the official
 * WXBizMsgCrypt sample uses for the same failure (carried by EasyWeChat's Encryptor), for logs.
 */
export class WeChatProtocolError extends AppError {
  constructor(
    code: string,
    message: string,
    status: number,
    readonly wechatCode?: number,
  ) {
    super(code, message, status, wechatCode === undefined ? undefined : { wechatCode });
  }

  /** Builds the error for one of the known codes with its status and official code filled in. */
  static of(code: ProtocolErrorCode, message: string): WeChatProtocolError {
    const { status, wechatCode } = PROTOCOL_ERRORS[code];
    return new WeChatProtocolError(code, message, status, wechatCode);
  }
}

export type ProtocolErrorCode = keyof typeof PROTOCOL_ERRORS;

/** code → HTTP status and the official sample's error code (§1.4 of the protocol notes). */
const PROTOCOL_ERRORS = {
  xml_malformed: { status: 400, wechatCode: -40002 },
  xml_dtd_refused: { status: 400, wechatCode: undefined },
  signature_invalid: { status: 401, wechatCode: -40001 },
  aes_key_invalid: { status: 400, wechatCode: -40004 },
  decrypt_failed: { status: 400, wechatCode: -40007 },
  appid_mismatch: { status: 400, wechatCode: -40005 },
  buffer_invalid: { status: 400, wechatCode: -41003 },
  reply_invalid: { status: 400, wechatCode: undefined },
} as const satisfies Record<string, { status: number; wechatCode: number | undefined }>;
