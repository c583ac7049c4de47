import { cdata } from '../../wechat';

/**
 * Renders fields as WeChat writes callback XML (§2): strings in CDATA, numbers bare, nested
 * objects as nested elements, arrays as the element repeated (`<item>…</item><item>…</item>`).
 * Absent (null/undefined) fields are left out rather than sent empty.
 */
export function renderElements(fields: Record<string, unknown>): string {
  let out = '';
  for (const [name, value] of Object.entries(fields)) out += renderElement(name, value);
  return out;
}

function renderElement(name: string, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((item) => renderElement(name, item)).join('');
  if (typeof value === 'string') return `<${name}>${cdata(value)}</${name}>`;
  if (typeof value === 'number' || typeof value === 'bigint') return `<${name}>${String(value)}</${name}>`;
  if (typeof value === 'boolean') return `<${name}>${value ? 1 : 0}</${name}>`;
  if (typeof value === 'object') return `<${name}>${renderElements(value as Record<string, unknown>)}</${name}>`;
  throw new TypeError(`cannot render ${typeof value} as XML element ${name}`);
}

/** A whole callback: the common header (§2.1) then the given fields. */
export function renderCallback(header: { toUserName: string; fromUserName: string; createTime: number; msgType: string }, fields: Record<string, unknown>): string {
  return `<xml><ToUserName>${cdata(header.toUserName)}</ToUserName><FromUserName>${cdata(header.fromUserName)}</FromUserName>`
    + `<CreateTime>${header.createTime}</CreateTime><MsgType>${cdata(header.msgType)}</MsgType>${renderElements(fields)}</xml>`;
}
