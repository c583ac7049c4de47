import type { MatchRule, MenuConfig } from '../../wechat-api/menu-types';
import type { MenuButton, MenuDraft } from './menus';

/**
 * Drift between a draft and the live menu (menu/get), as publishing would resolve it:
 * - added: in the draft, not live (publishing adds it);
 * - removed: live, not in the draft (publishing removes it);
 * - changed: both, different; `fields` names what differs.
 * Buttons are compared by position, because position is what followers see: moving a button is a
 * change. Conditional menus are paired by match rule, since WeChat gives them new ids on every publish.
 */
export interface MenuChange {
  /** From the draft's root (`conditionalMenus[0].buttons[1].name`); live-only conditional menus are `live.conditionalMenus[j]`. */
  path: string;
  change: 'added' | 'removed' | 'changed';
  fields?: string[];
  draft?: unknown;
  live?: unknown;
  /** Conditional menus only: which followers the menu is for. */
  matchRule?: MatchRule;
}

export interface MenuDiff {
  inSync: boolean;
  changes: MenuChange[];
}

export function diffMenus(draft: MenuDraft, live: MenuConfig | null): MenuDiff {
  const changes = diffButtons(draft.buttons, live?.menu.buttons ?? [], 'buttons');
  const liveConditional = live?.conditionalMenus ?? [];
  const used = new Set<number>();
  draft.conditionalMenus.forEach((menu, i) => {
    const key = ruleKey(menu.matchRule);
    const j = liveConditional.findIndex((l, idx) => !used.has(idx) && ruleKey(l.matchRule) === key);
    if (j < 0) {
      changes.push({ path: `conditionalMenus[${i}]`, change: 'added', draft: menu, matchRule: menu.matchRule });
      return;
    }
    used.add(j);
    for (const c of diffButtons(menu.buttons, liveConditional[j]!.buttons, `conditionalMenus[${i}].buttons`)) changes.push({ ...c, matchRule: menu.matchRule });
  });
  liveConditional.forEach((l, j) => {
    if (!used.has(j)) changes.push({ path: `live.conditionalMenus[${j}]`, change: 'removed', live: l, matchRule: l.matchRule });
  });
  return { inSync: changes.length === 0, changes };
}

function diffButtons(draft: MenuButton[], live: MenuButton[], prefix: string): MenuChange[] {
  const out: MenuChange[] = [];
  for (let i = 0; i < Math.max(draft.length, live.length); i++) {
    const d = draft[i];
    const l = live[i];
    const path = `${prefix}[${i}]`;
    if (d && !l) out.push({ path, change: 'added', draft: d });
    else if (!d && l) out.push({ path, change: 'removed', live: l });
    else if (d && l) out.push(...diffButton(d, l, path));
  }
  return out;
}

function diffButton(d: MenuButton, l: MenuButton, path: string): MenuChange[] {
  const bothParents = 'subButtons' in d && 'subButtons' in l;
  const fields = differingFields(d, l, bothParents ? ['subButtons'] : []);
  const out: MenuChange[] = fields.length > 0 ? [{ path, change: 'changed', fields, draft: strip(d, bothParents), live: strip(l, bothParents) }] : [];
  if ('subButtons' in d && 'subButtons' in l) out.push(...diffButtons(d.subButtons, l.subButtons, `${path}.subButtons`));
  return out;
}

function differingFields(a: object, b: object, skip: string[]): string[] {
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  return [...keys].filter((k) => !skip.includes(k) && JSON.stringify(ra[k]) !== JSON.stringify(rb[k])).sort();
}

/** A parent's own change is its name: its children are reported one by one, not repeated here. */
function strip(b: MenuButton, bothParents: boolean): unknown {
  return bothParents ? { name: b.name } : b;
}

/** Match rules compare by every field, retired ones included: a live menu on `sex` matches no draft. */
function ruleKey(rule: MatchRule): string {
  return JSON.stringify(Object.entries(rule).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b)));
}
