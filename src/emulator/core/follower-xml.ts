import { randomBytes } from 'node:crypto';
import type { SimulatedAction } from './follower-input';

export interface InboundShape {
  msgType: string;
  /** The elements after the common header, in WeChat's order. */
  fields: Record<string, unknown>;
}

let msgCounter = 0n;

/**
 * MsgIds are 64-bit and exceed 2^53 (real ones look like 6054768590064713728), so they are built
 * as BigInt strings: the creation second in the high bits and a counter in the low 32 bits,
 * unique for the life of the process.
 */
export function nextMsgId(createTime: number): string {
  msgCounter = (msgCounter + 1n) & 0xffff_ffffn;
  return ((BigInt(createTime) << 32n) | msgCounter).toString();
}

/** A media id in WeChat's shape (64 URL-safe characters). */
function mediaId(): string {
  return randomBytes(48).toString('base64url');
}

/** A parametric QR ticket in WeChat's shape, when the caller did not pass the real one. */
export function fakeTicket(): string {
  return `gQ${randomBytes(72).toString('base64url')}`;
}

/** QR scenes are a 32-bit scene_id or a scene_str; the EventKey carries either as text. */
export function splitScene(scene: string): { qrScene?: number; qrSceneStr?: string } {
  return /^\d{1,10}$/.test(scene) && Number(scene) <= 0xffff_ffff ? { qrScene: Number(scene) } : { qrSceneStr: scene };
}

/** The §2.2/§2.3 elements for one follower action. MsgId is added by the caller for messages. */
export function inboundShape(action: SimulatedAction, msgId: string): InboundShape {
  switch (action.type) {
    case 'text':
      return { msgType: 'text', fields: { Content: action.content, MsgId: big(msgId) } };
    case 'image':
      return { msgType: 'image', fields: { PicUrl: action.picUrl ?? `http://mmbiz.qpic.cn/mmbiz_jpg/${mediaId().slice(0, 40)}/0`, MediaId: action.mediaId ?? mediaId(), MsgId: big(msgId) } };
    case 'voice':
      return { msgType: 'voice', fields: { MediaId: action.mediaId ?? mediaId(), Format: action.format ?? 'amr', MsgId: big(msgId), Recognition: action.recognition } };
    case 'video':
    case 'shortvideo':
      return { msgType: action.type, fields: { MediaId: action.mediaId ?? mediaId(), ThumbMediaId: action.thumbMediaId ?? mediaId(), MsgId: big(msgId) } };
    case 'location':
      return { msgType: 'location', fields: { Location_X: action.x, Location_Y: action.y, Scale: action.scale, Label: action.label, MsgId: big(msgId) } };
    case 'link':
      return { msgType: 'link', fields: { Title: action.title, Description: action.description, Url: action.url, MsgId: big(msgId) } };
    case 'click':
      return event('CLICK', { EventKey: action.key });
    case 'view':
      return event('VIEW', { EventKey: action.url, MenuId: action.menuId });
    case 'subscribe':
      // A plain follow carries no EventKey; a QR follow carries qrscene_<scene> and the ticket.
      return action.scene === undefined
        ? event('subscribe', {})
        : event('subscribe', { EventKey: `qrscene_${action.scene}`, Ticket: action.ticket ?? fakeTicket() });
    case 'unsubscribe':
      return event('unsubscribe', {});
    case 'scan':
      return event('SCAN', { EventKey: action.scene, Ticket: action.ticket ?? fakeTicket() });
    case 'location_event':
      return event('LOCATION', { Latitude: action.latitude, Longitude: action.longitude, Precision: action.precision });
    case 'scancode_push':
    case 'scancode_waitmsg':
      return event(action.type, { EventKey: action.key, ScanCodeInfo: { ScanType: action.scanType ?? 'qrcode', ScanResult: action.scanResult } });
  }
}

function event(name: string, fields: Record<string, unknown>): InboundShape {
  return { msgType: 'event', fields: { Event: name, ...fields } };
}

/** MsgId is an integer on the wire (bare text), not a CDATA string. */
function big(id: string): bigint {
  return BigInt(id);
}
