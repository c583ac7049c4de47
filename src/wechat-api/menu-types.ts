/**
 * The custom menu as the domain sees it: camelCase, ids as strings, a parent button holding
 * `subButtons` instead of WeChat's overloaded `sub_button`. menu-wire.ts converts at the edge.
 */

/** Types that push an event carrying the button's `key` (WeChat ≥ 5.4 for all but click). */
export type KeyedButtonType =
  | 'click'
  | 'scancode_push'
  | 'scancode_waitmsg'
  | 'pic_sysphoto'
  | 'pic_photo_or_album'
  | 'pic_weixin'
  | 'location_select';

export type MenuLeaf =
  | { type: KeyedButtonType; name: string; key: string }
  | { type: 'view'; name: string; url: string }
  /** `url` is what clients without mini-program support open instead. */
  | { type: 'miniprogram'; name: string; url: string; appId: string; pagePath: string }
  /** A permanent material; no event is pushed (legacy accounts under third-party platforms). */
  | { type: 'media_id' | 'view_limited'; name: string; mediaId: string }
  /** An article published through freepublish. */
  | { type: 'article_id' | 'article_view_limited'; name: string; articleId: string };

export interface MenuParent {
  name: string;
  subButtons: MenuLeaf[];
}

export type MenuButton = MenuLeaf | MenuParent;

export const isMenuParent = (b: MenuButton): b is MenuParent => 'subButtons' in b;

export type ClientPlatform = 'ios' | 'android' | 'others';

/** Who sees a conditional menu. Set at least one of tagId / clientPlatformType. */
export interface MatchRule {
  tagId?: string;
  clientPlatformType?: ClientPlatform;
  /**
   * Retired for privacy: the platform rejects new rules using them (65320) and old menus using
   * them stop matching, but menu/get still shows them, so they can be read.
   */
  sex?: string;
  country?: string;
  province?: string;
  city?: string;
  language?: string;
  groupId?: string;
}

export interface DefaultMenu {
  /** Absent on menus created before WeChat started returning it. */
  menuId: string | null;
  buttons: MenuButton[];
}

export interface ConditionalMenu {
  menuId: string;
  buttons: MenuButton[];
  matchRule: MatchRule;
}

/** What menu/get returns: only menus set through the API (console menus show in selfmenu info). */
export interface MenuConfig {
  menu: DefaultMenu;
  conditionalMenus: ConditionalMenu[];
}
