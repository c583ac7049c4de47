import type { MenuApi } from '../../wechat-api/menu';
import type { MenuEventCount } from './menu-stats';
import type { AnswersButton } from './menu-warnings';
import type { StoredMenuDraft } from './menus';

/** One draft per account (JSON in SQLite, a document in MongoDB). */
export interface MenuDraftRepository {
  get(appId: string): Promise<StoredMenuDraft | null>;
  /** Insert or replace; keeps publishedAt as given. */
  save(draft: StoredMenuDraft): Promise<void>;
}

/** Counts of menu events from the message log, bucketed by calendar day in `timeZone`. */
export interface MenuEventCounter {
  /** CLICK and VIEW events received in [since, until) (ISO instants), per local day, event and EventKey. */
  countMenuEvents(query: { appId: string; since: string; until: string; timeZone: string }): Promise<MenuEventCount[]>;
}

/** The calls to WeChat this capability makes (src/wechat-api/menu.ts). */
export type LiveMenuApi = Pick<MenuApi, 'create' | 'get' | 'delete' | 'addConditional' | 'delConditional' | 'getCurrentSelfMenuInfo'>;

/** WeChatApiClients fits: null when the account is unknown or has no AppSecret. */
export interface MenuPlatform {
  forAccount(appId: string): Promise<{ menu: LiveMenuApi } | null>;
}

/** AccountService fits: throws NotFoundError for an unknown account. */
export interface MenuAccounts {
  get(appId: string): Promise<{ appId: string; timeZone: string; hasAppSecret: boolean }>;
}

/**
 * Which key-carrying buttons an auto-reply rule answers, so a button that would do nothing is
 * flagged before publishing. Kept this small so the menus capability does not depend on how rules
 * are stored or matched; main.ts adapts the rules service to it (see answersFromRules).
 */
export interface ClickRuleLookup {
  answersFor(appId: string): Promise<AnswersButton>;
}
