/** The custom-menus capability: drafts, validation, publishing, drift and tap analytics. */
export type { DraftConditionalMenu, LiveMatchRule, MenuDraft, MenuProblem, MenuWarningCode, StoredMenuDraft } from './menus';
export { checkDraft, parseDraft, MAX_CONDITIONAL_DOMAINS } from './menu-validation';
export { draftWarnings, answersFromRules, displayColumns, type AnswersButton, type RuleTriggerView } from './menu-warnings';
export { diffMenus, type MenuChange, type MenuDiff } from './menu-diff';
export { buildStats, statsRange, localDate, startOfLocalDay, MAX_STATS_DAYS } from './menu-stats';
export type { MenuEventCount, MenuEventName, MenuStats, ButtonCount } from './menu-stats';
export type { ClickRuleLookup, LiveMenuApi, MenuAccounts, MenuDraftRepository, MenuEventCounter, MenuPlatform } from './menus.ports';
export { MenuService, type MenuServiceDeps, type DraftView, type PublishResult } from './menus.service';
