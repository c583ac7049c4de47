import { draftLeaves, isKeyed, type KeyedButtonType, type MenuButton, type MenuDraft, type MenuProblem } from './menus';

/**
 * What is legal but probably wrong. The byte limits (16/60) let a top-level button hold 5 Chinese
 * characters, but phones show about 4 (7 in a sub-menu) before cutting with "…" (§5); CJK
 * characters count two columns, Latin one, so "About us" (8 columns) still fits at the top.
 */
const TOP_COLUMNS = 8;
const SUB_COLUMNS = 14;

/** Whether an enabled auto-reply rule answers this button's event; see ClickRuleLookup. */
export type AnswersButton = (type: KeyedButtonType, key: string) => boolean;

export function draftWarnings(draft: MenuDraft, answers: AnswersButton | null): MenuProblem[] {
  const warnings = [...nameWarnings(draft.buttons, 'buttons')];
  draft.conditionalMenus.forEach((m, i) => warnings.push(...nameWarnings(m.buttons, `conditionalMenus[${i}].buttons`)));
  if (answers) warnings.push(...unansweredButtons(draft, answers));
  return warnings;
}

/** Key-carrying buttons no rule answers: the follower taps and nothing comes back. */
export function unansweredButtons(draft: MenuDraft, answers: AnswersButton): MenuProblem[] {
  return draftLeaves(draft).flatMap(({ path, leaf }) =>
    isKeyed(leaf) && !answers(leaf.type, leaf.key)
      ? [{ field: `${path}.key`, code: 'button_without_rule' as const, message: `no enabled auto-reply rule answers ${leaf.type} key ${JSON.stringify(leaf.key)}; followers who tap "${leaf.name}" get no reply` }]
      : [],
  );
}

function nameWarnings(buttons: MenuButton[], prefix: string): MenuProblem[] {
  const out: MenuProblem[] = [];
  const check = (name: string, path: string, max: number, where: string) => {
    if (displayColumns(name) > max) {
      out.push({ field: `${path}.name`, code: 'name_may_truncate', message: `"${name}" may be cut off with "…" on phones (about ${max / 2} Chinese characters fit ${where})` });
    }
  };
  buttons.forEach((b, i) => {
    check(b.name, `${prefix}[${i}]`, TOP_COLUMNS, 'on a top-level button');
    if ('subButtons' in b) b.subButtons.forEach((s, j) => check(s.name, `${prefix}[${i}].subButtons[${j}]`, SUB_COLUMNS, 'in a sub-menu'));
  });
  return out;
}

/** Columns a name takes on a phone: wide (CJK, full-width, emoji) characters two, others one. */
export function displayColumns(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|\p{Extended_Pictographic}/u.test(ch) ? 2 : 1;
  return w;
}

/** The part of an auto-reply rule that says what it answers (AutoReplyRule fits). */
export interface RuleTriggerView {
  enabled: boolean;
  trigger: { kind: string; key?: string; event?: string };
}

/**
 * Builds the lookup from rules: a `click` trigger answers CLICK with its key; an `event` trigger
 * answers its event (named as on the wire: 'scancode_push', 'CLICK' …) with its key, or any key
 * when it names none. Disabled rules answer nothing.
 */
export function answersFromRules(rules: readonly RuleTriggerView[]): AnswersButton {
  const answered = new Set<string>();
  for (const { enabled, trigger } of rules) {
    if (!enabled) continue;
    if (trigger.kind === 'click' && trigger.key !== undefined) answered.add(`CLICK ${trigger.key}`);
    if (trigger.kind === 'event' && trigger.event !== undefined) answered.add(trigger.key === undefined ? `${trigger.event} *` : `${trigger.event} ${trigger.key}`);
  }
  return (type, key) => {
    // A click button pushes Event=CLICK; the other keyed types push their type as the event name.
    const event = type === 'click' ? 'CLICK' : type;
    return answered.has(`${event} ${key}`) || answered.has(`${event} *`);
  };
}
