import type { StoredButton } from './menu-rules';

/**
 * Per-account menu state the emulator keeps: the API default menu, conditional menus in creation
 * order, what the MP console would have set (a console menu, auto-reply rules) and each
 * follower's phone platform (the Follower record has none).
 */
export interface StoredMatchRule {
  tag_id?: string;
  /** '1' iOS, '2' Android, '3' others. */
  client_platform_type?: string;
}

export interface StoredMenu {
  menuid: string;
  button: StoredButton[];
  matchrule?: StoredMatchRule;
}

export interface AccountMenus {
  default: StoredMenu | null;
  conditional: StoredMenu[];
  /** get_current_selfmenu_info as seeded by the control API (a console-made menu); an API create replaces it. */
  consoleMenu: Record<string, unknown> | null;
  /** get_current_autoreply_info as seeded by the control API. */
  autoReply: Record<string, unknown>;
  /** openid → client_platform_type ('1' | '2' | '3'). */
  platforms: Map<string, string>;
}

/** The platform shows a new account no rules and both switches off. */
export const EMPTY_AUTOREPLY = { is_add_friend_reply_open: 0, is_autoreply_open: 0 };

/** Where a follower's platform is unknown we treat them as "others", the third matchrule value. */
export const DEFAULT_PLATFORM = '3';

export class MenuBook {
  private readonly byAccount = new Map<string, AccountMenus>();

  forget(appId: string): void {
    this.byAccount.delete(appId);
  }
  // Looks like WeChat's (nine digits) and never repeats across accounts, so a menuid from one account is unknown in another.
  private nextId = 208_379_533;

  of(appId: string): AccountMenus {
    let state = this.byAccount.get(appId);
    if (!state) {
      state = { default: null, conditional: [], consoleMenu: null, autoReply: { ...EMPTY_AUTOREPLY }, platforms: new Map() };
      this.byAccount.set(appId, state);
    }
    return state;
  }

  newMenuId(): string {
    return String(this.nextId++);
  }
}

/** WeChat answers leaves with an empty `sub_button: []`; menu/get and trymatch render that way. */
export const renderButtons = (buttons: StoredButton[]): Record<string, unknown>[] =>
  buttons.map((b) => (b.sub_button ? { name: b.name, sub_button: renderButtons(b.sub_button) } : { ...b, sub_button: [] }));

/** get_current_selfmenu_info wraps sub-menus as `sub_button: {list: […]}` and leaves have no sub_button. */
export const renderSelfMenuButtons = (buttons: StoredButton[]): Record<string, unknown>[] =>
  buttons.map((b) => (b.sub_button ? { name: b.name, sub_button: { list: b.sub_button.map((s) => ({ ...s })) } } : { ...b }));
