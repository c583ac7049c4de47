import { EmulatorError } from '../core/contract';

/**
 * The button rules of §5 as the platform enforces them on menu/create and menu/addconditional.
 * Top-level and sub-level buttons have parallel errcodes (wechatpy constants / WeChat's global
 * errcode list): 40017 vs 40024 for the type, 40018 vs 40025 for the name, and so on.
 */
export interface StoredButton {
  type?: string;
  name: string;
  key?: string;
  url?: string;
  appid?: string;
  pagepath?: string;
  media_id?: string;
  article_id?: string;
  sub_button?: StoredButton[];
}

const KEYED = ['click', 'scancode_push', 'scancode_waitmsg', 'pic_sysphoto', 'pic_photo_or_album', 'pic_weixin', 'location_select'];
const TYPES = new Set([...KEYED, 'view', 'miniprogram', 'media_id', 'view_limited', 'article_id', 'article_view_limited']);

interface LevelCodes {
  type: number;
  name: number;
  nameBytes: number;
  key: number;
  url: number;
  domain: number;
}
const TOP: LevelCodes = { type: 40017, name: 40018, nameBytes: 16, key: 40019, url: 40020, domain: 40055 };
const SUB: LevelCodes = { type: 40024, name: 40025, nameBytes: 60, key: 40026, url: 40027, domain: 40054 };
const KEY_BYTES = 128;
const URL_BYTES = 1024;

function isHttpUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.host !== '';
  } catch {
    return false;
  }
}

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');
const fail = (code: number, msg: string): never => {
  throw new EmulatorError(code, msg);
};

/** A present field must be a string (WeChat's JSON schema); absent and '' both read as missing. */
function str(o: Record<string, unknown>, field: string): string {
  const v = o[field];
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') fail(47001, `data format error, ${field} must be a string`);
  return v as string;
}

export interface ValidateOptions {
  /** addconditional: a button with no response type is 65308 and a bad URL 65317 there. */
  conditional: boolean;
}

function leaf(o: Record<string, unknown>, c: LevelCodes, opts: ValidateOptions): StoredButton {
  const type = str(o, 'type');
  const name = str(o, 'name');
  if (type === '') fail(opts.conditional ? 65308 : c.type, 'button without a response type');
  if (!TYPES.has(type)) fail(c.type, `invalid button type ${type}`);
  if (name === '' || bytes(name) > c.nameBytes) fail(c.name, `invalid button name size (${c.nameBytes} bytes at most)`);
  const out: StoredButton = { type, name };
  if (KEYED.includes(type)) {
    const key = str(o, 'key');
    if (key === '' || bytes(key) > KEY_BYTES) fail(c.key, 'invalid button key size');
    out.key = key;
  } else if (type === 'view' || type === 'miniprogram') {
    const url = str(o, 'url');
    if (url === '' || bytes(url) > URL_BYTES) fail(c.url, 'invalid button url size');
    if (!isHttpUrl(url)) fail(opts.conditional ? 65317 : c.domain, 'invalid button url domain');
    out.url = url;
    if (type === 'miniprogram') {
      out.appid = str(o, 'appid');
      out.pagepath = str(o, 'pagepath');
      if (out.appid === '' || out.pagepath === '') fail(47001, 'data format error, miniprogram needs appid and pagepath');
    }
  } else if (type === 'media_id' || type === 'view_limited') {
    out.media_id = str(o, 'media_id');
    if (out.media_id === '') fail(40007, 'invalid media_id');
  } else {
    out.article_id = str(o, 'article_id');
    if (out.article_id === '') fail(47001, 'data format error, article_id is required');
  }
  return out;
}

const asObject = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : fail(47001, 'data format error, a button must be an object');

/** A non-empty sub_button makes a parent (its own type, if any, is ignored as WeChat does). */
function subButtons(o: Record<string, unknown>): unknown[] | null {
  const subs = o.sub_button;
  if (subs === undefined || subs === null) return null;
  if (!Array.isArray(subs)) return fail(47001, 'data format error, sub_button must be an array');
  return subs.length > 0 ? subs : null;
}

/** Validates `button` of a create/addconditional body and returns it with only the known fields. */
export function validateButtons(button: unknown, opts: ValidateOptions): StoredButton[] {
  if (!Array.isArray(button) || button.length === 0) fail(opts.conditional ? 65307 : 40016, 'invalid button size');
  const list = button as unknown[];
  if (list.length > 3) fail(40016, 'invalid button size (1 to 3 top-level buttons)');
  return list.map((raw) => {
    const o = asObject(raw);
    const subs = subButtons(o);
    if (!subs) return leaf(o, TOP, opts);
    const name = str(o, 'name');
    if (name === '' || bytes(name) > TOP.nameBytes) fail(TOP.name, 'invalid button name size (16 bytes at most)');
    if (subs.length > 5) fail(40023, 'invalid sub button size (1 to 5)');
    return {
      name,
      sub_button: subs.map((s) => {
        const so = asObject(s);
        if (subButtons(so)) fail(40022, 'invalid sub menu level (one level only)');
        return leaf(so, SUB, opts);
      }),
    };
  });
}

/** Hosts of every view/miniprogram URL, for the 3-domain rule of conditional menus (65316). */
export function urlDomains(buttons: StoredButton[]): Set<string> {
  const out = new Set<string>();
  for (const b of buttons.flatMap((x) => x.sub_button ?? [x])) {
    if (b.url) out.add(new URL(b.url).host.toLowerCase());
  }
  return out;
}
