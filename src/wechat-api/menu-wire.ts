import type { ClientPlatform, ConditionalMenu, MatchRule, MenuButton, MenuConfig, MenuLeaf } from './menu-types';

/**
 * WeChat's snake_case menu JSON ⇄ the domain's menu types. WeChat returns leaves with an empty
 * `sub_button: []` and numbers where it took strings (menuid, tag_id), so reading is tolerant
 * while writing emits exactly the documented fields.
 */
export interface WireButton {
  type?: string;
  name?: string;
  key?: string;
  url?: string;
  appid?: string;
  pagepath?: string;
  media_id?: string;
  article_id?: string;
  sub_button?: WireButton[];
}

export interface WireMatchRule {
  tag_id?: string | number;
  client_platform_type?: string | number;
  sex?: string | number;
  country?: string;
  province?: string;
  city?: string;
  language?: string;
  group_id?: string | number;
}

export interface WireMenuGet {
  menu?: { button?: WireButton[]; menuid?: string | number };
  conditionalmenu?: { button?: WireButton[]; matchrule?: WireMatchRule; menuid?: string | number }[];
}

export const optString = (v: unknown): string | undefined => (v === undefined || v === null || v === '' ? undefined : String(v));

/** Copies each wire value that is present (not null or empty) onto `target` as a string, under its camelCase name. */
export function assignPresent<T extends object>(target: T, pairs: [keyof T, unknown][]): T {
  for (const [key, value] of pairs) {
    const s = optString(value);
    if (s !== undefined) (target as Record<keyof T, unknown>)[key] = s;
  }
  return target;
}

export function leafToWire(b: MenuLeaf): WireButton {
  switch (b.type) {
    case 'view':
      return { type: b.type, name: b.name, url: b.url };
    case 'miniprogram':
      return { type: b.type, name: b.name, url: b.url, appid: b.appId, pagepath: b.pagePath };
    case 'media_id':
    case 'view_limited':
      return { type: b.type, name: b.name, media_id: b.mediaId };
    case 'article_id':
    case 'article_view_limited':
      return { type: b.type, name: b.name, article_id: b.articleId };
    default:
      return { type: b.type, name: b.name, key: b.key };
  }
}

export const buttonsToWire = (buttons: MenuButton[]): WireButton[] =>
  buttons.map((b) => ('subButtons' in b ? { name: b.name, sub_button: b.subButtons.map(leafToWire) } : leafToWire(b)));

/** Unknown future types are passed through with their key/url so a read-modify-write keeps them. */
export function leafFromWire(w: WireButton): MenuLeaf {
  const name = w.name ?? '';
  switch (w.type) {
    case 'view':
      return { type: 'view', name, url: w.url ?? '' };
    case 'miniprogram':
      return { type: 'miniprogram', name, url: w.url ?? '', appId: w.appid ?? '', pagePath: w.pagepath ?? '' };
    case 'media_id':
    case 'view_limited':
      return { type: w.type, name, mediaId: w.media_id ?? '' };
    case 'article_id':
    case 'article_view_limited':
      return { type: w.type, name, articleId: w.article_id ?? '' };
    default:
      return { type: (w.type ?? 'click') as 'click', name, key: w.key ?? '' };
  }
}

export const buttonsFromWire = (buttons: WireButton[] | undefined): MenuButton[] =>
  (buttons ?? []).map((w) =>
    w.sub_button && w.sub_button.length > 0 ? { name: w.name ?? '', subButtons: w.sub_button.map(leafFromWire) } : leafFromWire(w),
  );

const PLATFORM_CODES: Record<ClientPlatform, string> = { ios: '1', android: '2', others: '3' };

export function matchRuleToWire(r: MatchRule): WireMatchRule {
  const wire: WireMatchRule = {};
  if (r.tagId !== undefined) wire.tag_id = r.tagId;
  if (r.clientPlatformType !== undefined) wire.client_platform_type = PLATFORM_CODES[r.clientPlatformType];
  if (r.sex !== undefined) wire.sex = r.sex;
  if (r.country !== undefined) wire.country = r.country;
  if (r.province !== undefined) wire.province = r.province;
  if (r.city !== undefined) wire.city = r.city;
  if (r.language !== undefined) wire.language = r.language;
  if (r.groupId !== undefined) wire.group_id = r.groupId;
  return wire;
}

export function matchRuleFromWire(w: WireMatchRule | undefined): MatchRule {
  const rule: MatchRule = {};
  if (!w) return rule;
  const platform = (Object.keys(PLATFORM_CODES) as ClientPlatform[]).find((p) => PLATFORM_CODES[p] === optString(w.client_platform_type));
  assignPresent(rule, [
    ['tagId', w.tag_id],
    ['sex', w.sex],
    ['country', w.country],
    ['province', w.province],
    ['city', w.city],
    ['language', w.language],
    ['groupId', w.group_id],
  ]);
  if (platform) rule.clientPlatformType = platform;
  return rule;
}

export function menuConfigFromWire(w: WireMenuGet): MenuConfig {
  const conditionalMenus: ConditionalMenu[] = (w.conditionalmenu ?? []).map((c) => ({
    menuId: optString(c.menuid) ?? '',
    buttons: buttonsFromWire(c.button),
    matchRule: matchRuleFromWire(c.matchrule),
  }));
  return { menu: { menuId: optString(w.menu?.menuid) ?? null, buttons: buttonsFromWire(w.menu?.button) }, conditionalMenus };
}
