import type { KeyedButtonType, MatchRule, MenuButton, MenuLeaf } from '../../wechat-api/menu-types';

/**
 * Custom menus as operators draft them, per account: the default menu and the conditional menus
 * WeChat shows instead to followers a match rule picks. Buttons reuse the API client's domain types
 * (src/wechat-api/menu-types.ts), so a valid draft goes to WeChat without another translation.
 */
export type { KeyedButtonType, MatchRule, MenuButton, MenuLeaf, MenuParent } from '../../wechat-api/menu-types';

/** Only the two match fields WeChat still honours; the retired ones are refused when a draft is saved. */
export type LiveMatchRule = Pick<MatchRule, 'tagId' | 'clientPlatformType'>;

export interface DraftConditionalMenu {
  matchRule: LiveMatchRule;
  buttons: MenuButton[];
}

export interface MenuDraft {
  /** The default menu: what every follower sees unless a conditional menu matches. */
  buttons: MenuButton[];
  /** Published newest-last, so when several match, the last one here wins (WeChat matches newest-first). */
  conditionalMenus: DraftConditionalMenu[];
}

export interface StoredMenuDraft {
  appId: string;
  draft: MenuDraft;
  /** When this draft (or an earlier one) was last published; null if never. */
  publishedAt: string | null;
  updatedAt: string;
}

/** One problem with a draft, pointing at the field: `buttons[1].subButtons[3].name`. */
export interface MenuProblem {
  field: string;
  message: string;
  /** Warnings only: what kind, so callers can tell a dead button from a long name. */
  code?: MenuWarningCode;
}

/**
 * - button_without_rule: a key-carrying button no enabled auto-reply rule answers (the follower taps
 *   and nothing comes back); publishing it needs `force`.
 * - name_may_truncate: the name fits WeChat's byte limit but phones cut it with "…". Never blocks.
 */
export type MenuWarningCode = 'button_without_rule' | 'name_may_truncate';

export const KEYED_TYPES: readonly KeyedButtonType[] = [
  'click',
  'scancode_push',
  'scancode_waitmsg',
  'pic_sysphoto',
  'pic_photo_or_album',
  'pic_weixin',
  'location_select',
];

export const isKeyed = (leaf: MenuLeaf): leaf is Extract<MenuLeaf, { key: string }> =>
  (KEYED_TYPES as readonly string[]).includes(leaf.type);

/** Every leaf of a menu with its path, parents' children included: `buttons[1].subButtons[0]`. */
export function leavesOf(buttons: MenuButton[], prefix = 'buttons'): Array<{ path: string; leaf: MenuLeaf }> {
  return buttons.flatMap((b, i) =>
    'subButtons' in b
      ? b.subButtons.map((leaf, j) => ({ path: `${prefix}[${i}].subButtons[${j}]`, leaf }))
      : [{ path: `${prefix}[${i}]`, leaf: b }],
  );
}

/** The default menu's leaves, then each conditional menu's, with paths from the draft's root. */
export function draftLeaves(draft: MenuDraft): Array<{ path: string; leaf: MenuLeaf }> {
  return [
    ...leavesOf(draft.buttons),
    ...draft.conditionalMenus.flatMap((m, i) => leavesOf(m.buttons, `conditionalMenus[${i}].buttons`)),
  ];
}

export const utf8Bytes = (s: string): number => Buffer.byteLength(s, 'utf8');
