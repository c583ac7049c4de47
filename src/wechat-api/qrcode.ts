import { ValidationError } from '../shared/errors';
import type { ApiCaller } from './caller';

/**
 * What a parametric QR code carries (docs/wechat-protocol.md §10). Temporary codes expire
 * (default 30 s when `expireSeconds` is left out, at most 30 days); permanent codes are capped at
 * 100 000 per account, so use them for long-lived channels only.
 */
export type QrCodeRequest =
  | { actionName: 'QR_SCENE'; sceneId: number; expireSeconds?: number }
  | { actionName: 'QR_STR_SCENE'; sceneStr: string; expireSeconds?: number }
  | { actionName: 'QR_LIMIT_SCENE'; sceneId: number }
  | { actionName: 'QR_LIMIT_STR_SCENE'; sceneStr: string };

export type QrActionName = QrCodeRequest['actionName'];

export interface QrCode {
  ticket: string;
  /** Temporary codes only. */
  expireSeconds: number | null;
  /** The decoded QR content, for rendering the image yourself. */
  url: string;
}

export const MAX_EXPIRE_SECONDS = 2_592_000;
const MAX_LIMIT_SCENE_ID = 100_000;
const MAX_SCENE_STR = 64;
const SHOW_QRCODE = 'https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=';

/** Parametric QR codes (渠道二维码). */
export class QrCodeApi {
  constructor(private readonly api: ApiCaller) {}

  /**
   * https://developers.weixin.qq.com/doc/offiaccount/Account_Management/Generating_a_Parametric_QR_Code.html
   */
  async create(request: QrCodeRequest): Promise<QrCode> {
    const body = await this.api.post<{ ticket: string; expire_seconds?: number; url: string }>('/cgi-bin/qrcode/create', qrCodeToWire(request));
    return { ticket: body.ticket, expireSeconds: body.expire_seconds ?? null, url: body.url };
  }

  /** The image URL of a ticket: on mp.weixin.qq.com, no access_token, JPEG. */
  showQrCodeUrl(ticket: string): string {
    return showQrCodeUrl(ticket);
  }
}

/** https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=… — tickets contain '+', '/' and '=', hence the encoding. */
export function showQrCodeUrl(ticket: string): string {
  return SHOW_QRCODE + encodeURIComponent(ticket);
}

/**
 * The wire body, validated. `action_info.scene` is always written: without the wrapper WeChat
 * silently makes scene 0 and every scan reports `qrscene_0` (§12).
 */
export function qrCodeToWire(request: QrCodeRequest): Record<string, unknown> {
  const body: Record<string, unknown> = { action_name: request.actionName };
  switch (request.actionName) {
    case 'QR_SCENE':
      // WeChat: a 32-bit non-zero integer.
      checkInteger(request.sceneId, -0x8000_0000, 0xffff_ffff, 'sceneId');
      if (request.sceneId === 0) throw new ValidationError('sceneId must not be 0');
      body.action_info = { scene: { scene_id: request.sceneId } };
      break;
    case 'QR_LIMIT_SCENE':
      checkInteger(request.sceneId, 1, MAX_LIMIT_SCENE_ID, 'sceneId');
      body.action_info = { scene: { scene_id: request.sceneId } };
      break;
    case 'QR_STR_SCENE':
    case 'QR_LIMIT_STR_SCENE':
      checkSceneStr(request.sceneStr);
      body.action_info = { scene: { scene_str: request.sceneStr } };
      break;
    default:
      throw new ValidationError(`unknown QR action_name ${JSON.stringify((request as { actionName: unknown }).actionName)}`);
  }
  if (request.actionName === 'QR_SCENE' || request.actionName === 'QR_STR_SCENE') {
    if (request.expireSeconds !== undefined) {
      checkInteger(request.expireSeconds, 1, MAX_EXPIRE_SECONDS, 'expireSeconds');
      body.expire_seconds = request.expireSeconds;
    }
  }
  return body;
}

function checkInteger(value: number, min: number, max: number, name: string): void {
  if (!Number.isInteger(value) || value < min || value > max) throw new ValidationError(`${name} must be an integer in ${min}..${max}, got ${value}`);
}

function checkSceneStr(sceneStr: string): void {
  const length = typeof sceneStr === 'string' ? [...sceneStr].length : 0;
  if (length < 1 || length > MAX_SCENE_STR) {
    throw new ValidationError(`sceneStr must be 1..${MAX_SCENE_STR} characters, got ${length}`);
  }
}
