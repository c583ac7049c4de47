import { utf8Bytes, type MenuButton, type MenuLeaf, type MenuProblem } from './menus';

/**
 * Checks one menu's buttons against docs/wechat-protocol.md §5, collecting every problem with the
 * path of the field at fault, so an operator fixes a draft in one pass instead of one WeChat errcode
 * at a time. The errcode WeChat would answer is named in each message, for those who know them.
 */

interface Level {
  nameBytes: number;
  where: string;
  codes: { name: number; key: number; url: number };
}
const TOP: Level = { nameBytes: 16, where: 'at the top level', codes: { name: 40018, key: 40019, url: 40020 } };
const SUB: Level = { nameBytes: 60, where: 'in a sub-menu', codes: { name: 40025, key: 40026, url: 40027 } };
const KEY_BYTES = 128;
const URL_BYTES = 1024;
const MAX_TOP = 3;
const MAX_SUB = 5;

/** The fields each type needs; anything else on the button is a mistake the operator should see. */
const FIELDS: Record<MenuLeaf['type'], readonly string[]> = {
  click: ['key'],
  scancode_push: ['key'],
  scancode_waitmsg: ['key'],
  pic_sysphoto: ['key'],
  pic_photo_or_album: ['key'],
  pic_weixin: ['key'],
  location_select: ['key'],
  view: ['url'],
  miniprogram: ['url', 'appId', 'pagePath'],
  media_id: ['mediaId'],
  view_limited: ['mediaId'],
  article_id: ['articleId'],
  article_view_limited: ['articleId'],
};
export const BUTTON_TYPES = Object.keys(FIELDS) as MenuLeaf['type'][];
const ALL_FIELDS = new Set(['name', 'type', 'subButtons', 'key', 'url', 'appId', 'pagePath', 'mediaId', 'articleId']);

type Raw = Record<string, unknown>;
export const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A well-formed http(s) URL with a host: WeChat refuses anything else (40055/40054, 65317). */
export function isHttpUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.host !== '';
  } catch {
    return false;
  }
}

/** Validates a menu's `buttons`; returns them normalized when there was no problem, null otherwise. */
export function checkButtons(input: unknown, path: string, problems: MenuProblem[]): MenuButton[] | null {
  const before = problems.length;
  const add = (field: string, message: string) => void problems.push({ field, message });
  if (!Array.isArray(input)) {
    add(path, input === undefined ? 'is required: a list of 1 to 3 buttons' : 'must be a list of 1 to 3 buttons');
    return null;
  }
  if (input.length === 0) add(path, `is empty; a menu needs 1 to ${MAX_TOP} top-level buttons (WeChat 40016)`);
  if (input.length > MAX_TOP) add(path, `has ${input.length} buttons; WeChat allows ${MAX_TOP} at the top level (40016)`);
  const buttons = input.map((raw, i) => checkButton(raw, `${path}[${i}]`, add));
  return problems.length === before ? (buttons as MenuButton[]) : null;
}

type Add = (field: string, message: string) => void;

function checkButton(raw: unknown, path: string, add: Add): MenuButton | null {
  if (!isObject(raw)) return void add(path, 'must be a button object'), null;
  if (raw.subButtons === undefined) return checkLeaf(raw, path, TOP, add);
  const name = checkName(raw.name, `${path}.name`, TOP, add);
  if (raw.type !== undefined) {
    add(`${path}.type`, 'must not be set on a button with subButtons: a button either opens a sub-menu or acts, not both');
  }
  for (const k of Object.keys(raw)) {
    if (k !== 'name' && k !== 'type' && k !== 'subButtons') add(`${path}.${k}`, unusedField(k, 'a button with subButtons'));
  }
  const subs = raw.subButtons;
  if (!Array.isArray(subs)) return void add(`${path}.subButtons`, `must be a list of 1 to ${MAX_SUB} buttons`), null;
  if (subs.length === 0) add(`${path}.subButtons`, `is empty; a sub-menu needs 1 to ${MAX_SUB} buttons (WeChat 40023)`);
  if (subs.length > MAX_SUB) add(`${path}.subButtons`, `has ${subs.length} buttons; WeChat allows ${MAX_SUB} in a sub-menu (40023)`);
  const subButtons = subs.map((s, j) => {
    const subPath = `${path}.subButtons[${j}]`;
    if (isObject(s) && s.subButtons !== undefined) {
      add(`${subPath}.subButtons`, 'menus are one level deep: a sub-menu button cannot open another sub-menu (WeChat 40022)');
      return null;
    }
    return isObject(s) ? checkLeaf(s, subPath, SUB, add) : (add(subPath, 'must be a button object'), null);
  });
  return name === null ? null : ({ name, subButtons } as MenuButton);
}

function checkLeaf(raw: Raw, path: string, level: Level, add: Add): MenuLeaf | null {
  const name = checkName(raw.name, `${path}.name`, level, add);
  const type = raw.type;
  if (type === undefined) {
    add(`${path}.type`, `is required (one of: ${BUTTON_TYPES.join(', ')}), or give the button subButtons`);
    return null;
  }
  if (typeof type !== 'string' || !(type in FIELDS)) {
    add(`${path}.type`, `${JSON.stringify(type)} is not a button type; use one of: ${BUTTON_TYPES.join(', ')}`);
    return null;
  }
  const needed = FIELDS[type as MenuLeaf['type']];
  const leaf: Raw = { type, name };
  for (const k of Object.keys(raw)) {
    if (k !== 'name' && k !== 'type' && !needed.includes(k)) add(`${path}.${k}`, unusedField(k, `a ${type} button`));
  }
  for (const field of needed) {
    const value = raw[field];
    if (value === undefined || value === null || value === '') add(`${path}.${field}`, `is required for a ${type} button`);
    else if (typeof value !== 'string') add(`${path}.${field}`, 'must be text');
    else leaf[field] = value;
  }
  checkLength(leaf.key, `${path}.key`, KEY_BYTES, level.codes.key, add);
  if (typeof leaf.url === 'string' && !checkLength(leaf.url, `${path}.url`, URL_BYTES, level.codes.url, add) && !isHttpUrl(leaf.url)) {
    add(`${path}.url`, 'must be an http:// or https:// URL with a host (WeChat 40055)');
  }
  return name === null ? null : (leaf as unknown as MenuLeaf);
}

function checkName(value: unknown, path: string, level: Level, add: Add): string | null {
  if (value === undefined || value === null) return void add(path, 'is required'), null;
  if (typeof value !== 'string') return void add(path, 'must be text'), null;
  if (value.trim() === '') return void add(path, 'must not be blank'), null;
  const bytes = utf8Bytes(value);
  if (bytes > level.nameBytes) {
    return void add(path, `is ${bytes} bytes; WeChat allows ${level.nameBytes} ${level.where} (${level.codes.name}; a Chinese character is 3 bytes)`), null;
  }
  return value;
}

/** True when the value is over the limit (and says so). */
function checkLength(value: unknown, path: string, max: number, code: number, add: Add): boolean {
  if (typeof value !== 'string') return false;
  const bytes = utf8Bytes(value);
  if (bytes <= max) return false;
  add(path, `is ${bytes} bytes; WeChat allows ${max} (${code})`);
  return true;
}

const unusedField = (field: string, what: string): string =>
  ALL_FIELDS.has(field) ? `is not used by ${what}` : 'is not a button field';
