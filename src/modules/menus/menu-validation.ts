import { ValidationError } from '../../shared/errors';
import { checkButtons, isObject } from './menu-buttons';
import { leavesOf, type DraftConditionalMenu, type LiveMatchRule, type MenuButton, type MenuDraft, type MenuProblem } from './menus';

/** WeChat refuses these in match rules since its privacy change (65320); `groupId` is the older form of tags. */
const RETIRED_FIELDS = ['sex', 'country', 'province', 'city', 'language', 'groupId'];
const PLATFORMS = ['ios', 'android', 'others'] as const;
/** All conditional menus together may send followers to at most this many URL domains (65316). */
export const MAX_CONDITIONAL_DOMAINS = 3;

/**
 * Reads a draft as the admin API or a file gives it and checks it against §5. Every problem is
 * reported at once; the draft comes back only when there is none.
 */
export function checkDraft(input: unknown): { draft: MenuDraft | null; errors: MenuProblem[] } {
  const errors: MenuProblem[] = [];
  const add = (field: string, message: string) => void errors.push({ field, message });
  if (!isObject(input)) {
    add('(input)', 'must be a JSON object with buttons and, optionally, conditionalMenus');
    return { draft: null, errors };
  }
  for (const k of Object.keys(input)) if (k !== 'buttons' && k !== 'conditionalMenus') add(k, 'is not a draft field (buttons, conditionalMenus)');

  const rawConditional = input.conditionalMenus ?? [];
  const hasConditional = Array.isArray(rawConditional) && rawConditional.length > 0;
  let buttons: MenuButton[] | null;
  if (hasConditional && (input.buttons === undefined || (Array.isArray(input.buttons) && input.buttons.length === 0))) {
    // Said this way rather than "needs 1 to 3 buttons": the operator may think conditional menus stand alone.
    add('buttons', 'is empty; conditional menus need a default menu to fall back on (WeChat 65303)');
    buttons = null;
  } else {
    buttons = checkButtons(input.buttons, 'buttons', errors);
  }

  const conditionalMenus = checkConditionalMenus(rawConditional, errors);
  if (conditionalMenus) checkDomains(conditionalMenus, add);
  return errors.length === 0 && buttons && conditionalMenus ? { draft: { buttons, conditionalMenus }, errors } : { draft: null, errors };
}

/** Like checkDraft, but throws ValidationError (400) with every problem as details. */
export function parseDraft(input: unknown): MenuDraft {
  const { draft, errors } = checkDraft(input);
  if (!draft) throw invalidDraft(errors);
  return draft;
}

export function invalidDraft(errors: MenuProblem[]): ValidationError {
  const shown = errors.slice(0, 3).map((p) => `${p.field} ${p.message}`).join('; ');
  const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : '';
  return new ValidationError(`the menu draft is invalid: ${shown}${more}`, errors);
}

function checkConditionalMenus(input: unknown, errors: MenuProblem[]): DraftConditionalMenu[] | null {
  const add = (field: string, message: string) => void errors.push({ field, message });
  if (!Array.isArray(input)) return void add('conditionalMenus', 'must be a list of conditional menus'), null;
  const before = errors.length;
  const menus = input.map((raw, i): DraftConditionalMenu | null => {
    const path = `conditionalMenus[${i}]`;
    if (!isObject(raw)) return void add(path, 'must be an object with matchRule and buttons'), null;
    for (const k of Object.keys(raw)) if (k !== 'matchRule' && k !== 'buttons') add(`${path}.${k}`, 'is not a conditional-menu field (matchRule, buttons)');
    const matchRule = checkMatchRule(raw.matchRule, `${path}.matchRule`, add);
    const buttons = checkButtons(raw.buttons, `${path}.buttons`, errors);
    return matchRule && buttons ? { matchRule, buttons } : null;
  });
  return errors.length === before ? (menus as DraftConditionalMenu[]) : null;
}

function checkMatchRule(raw: unknown, path: string, add: (f: string, m: string) => void): LiveMatchRule | null {
  if (!isObject(raw)) return void add(path, 'is required: an object with tagId and/or clientPlatformType (WeChat 65304)'), null;
  const rule: LiveMatchRule = {};
  let ok = true;
  for (const [k, v] of Object.entries(raw)) {
    if (RETIRED_FIELDS.includes(k)) {
      ok = false;
      add(`${path}.${k}`, 'is retired: WeChat refuses sex, country, province, city, language and group in match rules since its privacy change (65320); match on tagId or clientPlatformType');
    } else if (k === 'tagId') {
      // Tag ids are numbers on the wire; strings here, like every id in the domain.
      if ((typeof v === 'string' && /^\d+$/.test(v)) || (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0)) rule.tagId = String(v);
      else {
        ok = false;
        add(`${path}.tagId`, 'must be a user-tag id (digits), as the tags API gives it');
      }
    } else if (k === 'clientPlatformType') {
      if (PLATFORMS.includes(v as (typeof PLATFORMS)[number])) rule.clientPlatformType = v as LiveMatchRule['clientPlatformType'];
      else {
        ok = false;
        add(`${path}.clientPlatformType`, `must be one of: ${PLATFORMS.join(', ')}`);
      }
    } else {
      ok = false;
      add(`${path}.${k}`, 'is not a match-rule field (tagId, clientPlatformType)');
    }
  }
  if (ok && rule.tagId === undefined && rule.clientPlatformType === undefined) {
    add(path, 'needs tagId and/or clientPlatformType: a rule matching everyone is the default menu (WeChat 65304)');
    return null;
  }
  return ok ? rule : null;
}

function checkDomains(menus: DraftConditionalMenu[], add: (f: string, m: string) => void): void {
  const domains = new Set<string>();
  for (const m of menus) {
    for (const { leaf } of leavesOf(m.buttons)) if ('url' in leaf) domains.add(new URL(leaf.url).host.toLowerCase());
  }
  if (domains.size > MAX_CONDITIONAL_DOMAINS) {
    add('conditionalMenus', `send followers to ${domains.size} domains (${[...domains].sort().join(', ')}); WeChat allows ${MAX_CONDITIONAL_DOMAINS} across all conditional menus (65316)`);
  }
}
