import type { Clock } from '../../shared/clock';
import { AppError, NotFoundError } from '../../shared/errors';
import type { MenuConfig } from '../../wechat-api/menu-types';
import type { SelfMenuInfo } from '../../wechat-api/menu-selfmenu';
import { diffMenus, type MenuDiff } from './menu-diff';
import { buildStats, localDate, startOfLocalDay, addDays, statsRange, type MenuStats } from './menu-stats';
import { checkDraft, invalidDraft, parseDraft } from './menu-validation';
import { draftWarnings } from './menu-warnings';
import type { ClickRuleLookup, LiveMenuApi, MenuAccounts, MenuDraftRepository, MenuEventCounter, MenuPlatform } from './menus.ports';
import type { MenuDraft, MenuProblem, StoredMenuDraft } from './menus';

export interface MenuServiceDeps {
  drafts: MenuDraftRepository;
  events: MenuEventCounter;
  platform: MenuPlatform;
  accounts: MenuAccounts;
  /** Absent until auto-reply rules exist: then buttons are not checked for a rule. */
  rules?: ClickRuleLookup;
  clock: Clock;
}

export interface DraftView {
  appId: string;
  /** null when nothing has been saved yet. */
  draft: MenuDraft | null;
  publishedAt: string | null;
  updatedAt: string | null;
  warnings: MenuProblem[];
}

export interface PublishResult {
  publishedAt: string;
  conditionalMenuIds: string[];
  warnings: MenuProblem[];
}

/**
 * Custom menus per account: drafts checked against §5 before anything reaches WeChat, publishing
 * (menu/create, then the conditional menus), the live menu and its drift from the draft, and
 * per-button tap counts from the message log.
 */
export class MenuService {
  constructor(private readonly deps: MenuServiceDeps) {}

  async getDraft(appId: string): Promise<DraftView> {
    await this.deps.accounts.get(appId);
    const stored = await this.deps.drafts.get(appId);
    if (!stored) return { appId, draft: null, publishedAt: null, updatedAt: null, warnings: [] };
    return this.view(stored);
  }

  /** Refuses an invalid draft with every problem at once (400); a saved draft is always publishable. */
  async saveDraft(appId: string, input: unknown): Promise<DraftView> {
    await this.deps.accounts.get(appId); // 404 before 400
    const draft = parseDraft(input);
    const previous = await this.deps.drafts.get(appId);
    const stored: StoredMenuDraft = { appId, draft, publishedAt: previous?.publishedAt ?? null, updatedAt: this.deps.clock.now().toISOString() };
    await this.deps.drafts.save(stored);
    return this.view(stored);
  }

  /**
   * Publishes the draft. Buttons no rule answers need `force` (409 otherwise): they would go live
   * dead. Order: menu/create first (replacing the default leaves the live conditional menus alone,
   * so a refusal changes nothing), then the old conditional menus are deleted (there is no edit, and
   * the 3-domain limit counts them), then the draft's are added in order.
   */
  async publish(appId: string, options: { force?: boolean } = {}): Promise<PublishResult> {
    const { stored, api } = await this.draftAndApi(appId);
    const { draft, errors } = checkDraft(stored.draft);
    if (!draft) throw invalidDraft(errors);
    const warnings = draftWarnings(draft, await this.answers(appId));
    const dead = warnings.filter((w) => w.code === 'button_without_rule');
    if (dead.length > 0 && !options.force) {
      throw new AppError(
        'menu_buttons_unanswered',
        `${dead.length} button(s) have no auto-reply rule and would do nothing (${dead.map((w) => w.field).join(', ')}); add the rules or publish with force=true`,
        409,
        dead,
      );
    }
    await api.create(draft.buttons);
    const live = await api.get();
    for (const old of live?.conditionalMenus ?? []) await api.delConditional(old.menuId);
    const conditionalMenuIds: string[] = [];
    for (const m of draft.conditionalMenus) conditionalMenuIds.push(await api.addConditional(m.buttons, m.matchRule));
    const publishedAt = this.deps.clock.now().toISOString();
    await this.deps.drafts.save({ ...stored, publishedAt });
    return { publishedAt, conditionalMenuIds, warnings };
  }

  /** menu/get (API-set menus, conditional ones included) and get_current_selfmenu_info (what is live, console menus too). */
  async live(appId: string): Promise<{ menu: MenuConfig | null; current: SelfMenuInfo }> {
    const api = await this.api(appId);
    const [menu, current] = await Promise.all([api.get(), api.getCurrentSelfMenuInfo()]);
    return { menu, current };
  }

  async diff(appId: string): Promise<MenuDiff> {
    const { stored, api } = await this.draftAndApi(appId);
    return diffMenus(stored.draft, await api.get());
  }

  /** menu/delete: the default menu and every conditional menu with it. The draft stays. */
  async deleteLive(appId: string): Promise<void> {
    await (await this.api(appId)).delete();
  }

  async stats(appId: string, query: { since?: unknown; until?: unknown }): Promise<MenuStats> {
    const { timeZone } = await this.deps.accounts.get(appId);
    const range = statsRange(query, localDate(this.deps.clock.now(), timeZone));
    const since = startOfLocalDay(range.since, timeZone).toISOString();
    const until = startOfLocalDay(addDays(range.until, 1), timeZone).toISOString();
    const [counts, stored] = await Promise.all([this.deps.events.countMenuEvents({ appId, since, until, timeZone }), this.deps.drafts.get(appId)]);
    return buildStats(range, timeZone, counts, stored?.draft ?? null);
  }

  private async view(stored: StoredMenuDraft): Promise<DraftView> {
    const warnings = draftWarnings(stored.draft, await this.answers(stored.appId));
    return { appId: stored.appId, draft: stored.draft, publishedAt: stored.publishedAt, updatedAt: stored.updatedAt, warnings };
  }

  private async answers(appId: string) {
    return this.deps.rules ? this.deps.rules.answersFor(appId) : null;
  }

  private async draftAndApi(appId: string): Promise<{ stored: StoredMenuDraft; api: LiveMenuApi }> {
    const api = await this.api(appId);
    const stored = await this.deps.drafts.get(appId);
    if (!stored) throw new NotFoundError(`account ${appId} has no menu draft yet; PUT /api/v1/accounts/${appId}/menus/draft first`, { appId });
    return { stored, api };
  }

  private async api(appId: string): Promise<LiveMenuApi> {
    const account = await this.deps.accounts.get(appId);
    const api = account.hasAppSecret ? await this.deps.platform.forAccount(appId) : null;
    if (!api) {
      throw new AppError('app_secret_missing', `account ${appId} has no AppSecret, which WeChat's menu API needs; set appSecret on the account first`, 409, { appId });
    }
    return api.menu;
  }
}
