import type Router from '@koa/router';
import { EmulatorError, type EmulatorContext } from '../core/contract';
import { ControlError } from '../core/errors';
import { intOf, invalidArgs, opaqueId, perAccount, readJson, sendJson } from './publishing-wire';

export interface QrTicket {
  appId: string;
  ticket: string;
  actionName: string;
  sceneId: number | null;
  sceneStr: string | null;
  /** Unix seconds; null for permanent codes. */
  expiresAt: number | null;
  url: string;
}

const ACTIONS = new Set(['QR_SCENE', 'QR_STR_SCENE', 'QR_LIMIT_SCENE', 'QR_LIMIT_STR_SCENE']);
/** Omitted expire_seconds: 30 s (protocol doc §10). */
export const DEFAULT_EXPIRE_SECONDS = 30;
export const MAX_EXPIRE_SECONDS = 2_592_000;
const MAX_PERMANENT = 100_000;
/** A 1×1 JPEG: showqrcode answers an image, and nothing here needs to decode it. */
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEAYABgAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxgZEUMoGhCCNCscEVUtHwJDNicoIJChYXGBkaJSYnKCkqNDU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6g4SFhoeIiYqSk5SVlpeYmZqio6Slpqeoqaqys7S1tre4ubrCw8TFxsfIycrS09TV1tfY2drh4uPk5ebn6Onq8fLz9PX29/j5+v/aAAgBAQAAPwD3+iiigD//2Q==',
  'base64',
);

/**
 * Parametric QR codes (docs/wechat-protocol.md §10): tickets mapped to scenes with their expiry,
 * the showqrcode image, and a control route the simulated follower uses to resolve a scan.
 */
export function registerQrCode(router: Router, emu: EmulatorContext): void {
  const byTicket = new Map<string, QrTicket>();
  const permanent = perAccount(() => new Map<string, QrTicket>(), emu);
  emu.onAccountRemoved((appId) => {
    for (const [ticket, qr] of byTicket) if (qr.appId === appId) byTicket.delete(ticket);
  });

  const live = (ticket: string): QrTicket | undefined => {
    const qr = byTicket.get(ticket);
    return qr && (qr.expiresAt === null || emu.nowSeconds() < qr.expiresAt) ? qr : undefined;
  };

  router.post('/cgi-bin/qrcode/create', async (ctx) => {
    const account = emu.authenticate(ctx);
    const body = await readJson(ctx);
    const actionName = body.action_name;
    if (typeof actionName !== 'string' || !ACTIONS.has(actionName)) throw invalidArgs('action_name');
    const scene = readScene(actionName, body.action_info);
    const isPermanent = actionName.startsWith('QR_LIMIT');
    const key = `${scene.sceneId ?? ''}|${scene.sceneStr ?? ''}`;
    const known = isPermanent ? permanent(account.appId).get(key) : undefined;
    // The same permanent scene answers the same code rather than spending another of the 100 000.
    if (known) return sendJson(ctx, { ticket: known.ticket, url: known.url });
    if (isPermanent && permanent(account.appId).size >= MAX_PERMANENT) throw new EmulatorError(45029, 'qrcode count out of limit');
    const expire = isPermanent ? null : expireSeconds(body.expire_seconds);
    const qr: QrTicket = {
      appId: account.appId,
      ticket: `gQ${opaqueId(60, true)}`,
      actionName,
      ...scene,
      expiresAt: expire === null ? null : emu.nowSeconds() + expire,
      url: `http://weixin.qq.com/q/${opaqueId(18)}`,
    };
    byTicket.set(qr.ticket, qr);
    if (isPermanent) permanent(account.appId).set(key, qr);
    sendJson(ctx, { ticket: qr.ticket, ...(expire === null ? {} : { expire_seconds: expire }), url: qr.url });
  });

  // Really served by mp.weixin.qq.com, without access_token.
  router.get('/cgi-bin/showqrcode', (ctx) => {
    const qr = typeof ctx.query.ticket === 'string' ? live(ctx.query.ticket) : undefined;
    if (!qr) {
      ctx.status = 404;
      ctx.body = { errcode: -1, errmsg: 'invalid or expired ticket' };
      return;
    }
    ctx.type = 'image/jpeg';
    ctx.body = JPEG;
  });

  // For the simulated follower: what a scan of this ticket means (404 once expired).
  router.get('/__emulator/accounts/:appId/qrcodes/:ticket', (ctx) => {
    const qr = live(ctx.params.ticket!);
    if (!qr || qr.appId !== ctx.params.appId) throw new ControlError(404, 'qrcode_not_found', 'no such QR ticket for this account, or it expired');
    ctx.body = {
      ticket: qr.ticket,
      actionName: qr.actionName,
      // EventKey material: `qrscene_<scene>` on follow, `<scene>` on SCAN.
      scene: qr.sceneStr ?? String(qr.sceneId),
      sceneId: qr.sceneId,
      sceneStr: qr.sceneStr,
      expiresAt: qr.expiresAt,
      permanent: qr.expiresAt === null,
    };
  });
}

/**
 * The scene, strictly. The one leniency is WeChat's own (§10, §12): without the `scene` wrapper
 * the code is silently created for scene 0.
 */
function readScene(actionName: string, actionInfo: unknown): { sceneId: number | null; sceneStr: string | null } {
  const scene = (actionInfo as { scene?: unknown } | null | undefined)?.scene;
  if (scene === undefined || scene === null || typeof scene !== 'object') return { sceneId: 0, sceneStr: null };
  const s = scene as { scene_id?: unknown; scene_str?: unknown };
  if (actionName === 'QR_SCENE' || actionName === 'QR_LIMIT_SCENE') {
    const id = intOf(s.scene_id);
    const ok = actionName === 'QR_SCENE' ? id !== null && id !== 0 && id >= -0x8000_0000 && id <= 0xffff_ffff : id !== null && id >= 1 && id <= MAX_PERMANENT;
    if (!ok) throw invalidArgs(actionName === 'QR_SCENE' ? 'scene_id must be a 32-bit non-zero integer' : 'scene_id must be 1..100000');
    return { sceneId: id, sceneStr: null };
  }
  const length = typeof s.scene_str === 'string' ? [...s.scene_str].length : 0;
  if (length < 1 || length > 64) throw invalidArgs('scene_str must be 1..64 characters');
  return { sceneId: null, sceneStr: s.scene_str as string };
}

function expireSeconds(value: unknown): number {
  if (value === undefined || value === null) return DEFAULT_EXPIRE_SECONDS;
  const seconds = intOf(value);
  if (seconds === null || seconds < 1 || seconds > MAX_EXPIRE_SECONDS) throw invalidArgs(`expire_seconds must be 1..${MAX_EXPIRE_SECONDS}`);
  return seconds;
}
