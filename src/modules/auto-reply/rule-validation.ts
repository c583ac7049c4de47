import type { AutoReplyRule, TimeWindow, Trigger } from './auto-reply';
import { ValidationError } from '../../shared/errors';
import { matchModes } from './auto-reply';
import { normalizeText } from './normalize';
import { checkRegexSafety } from './regex-guard';
import { isObject, Problems, type FieldProblem, type Raw } from './rule-validation-check';
import { LIMITS } from './rule-validation-limits';
import { checkReply } from './rule-validation-replies';
import { parseClock } from './time-windows';

export { LIMITS } from './rule-validation-limits';
export type { FieldProblem } from './rule-validation-check';

/** What the operator sets (the same shape as import-export.ts's RuleFields). */
export type RuleFields = Omit<AutoReplyRule, 'id' | 'appId' | 'createdAt' | 'updatedAt'>;

const TRIGGER_KINDS = ['keyword', 'subscribe', 'click', 'scan', 'event', 'default'] as const;
const RULE_FIELDS = ['name', 'trigger', 'replies', 'replyMode', 'priority', 'enabled', 'activeWindows', 'cooldownMinutes'];
/** Set by the store and the clock; ignored here so an exported rule can be sent back as it is. */
const OURS = ['id', 'appId', 'createdAt', 'updatedAt'];

/**
 * Validates a rule as sent to the admin API (limits: rule-validation-limits.ts) and returns its
 * fields with defaults filled (replyMode 'all', priority 0, enabled, no windows, no cool-down).
 * Throws one ValidationError whose details list EVERY problem, with paths such as
 * 'trigger.keywords[2].text', so an operator fixes a rule in one round trip.
 * `now` is the clock's time, for checks that depend on it; none do yet.
 */
export function validateRuleInput(input: unknown, _opts: { now: Date }): RuleFields {
  const p = new Problems();
  if (!isObject(input)) return fail([{ field: '(input)', message: 'must be a JSON object' }]);
  p.unknownKeys(input, [...RULE_FIELDS, ...OURS], '');
  p.text(input.name, 'name', LIMITS.nameChars);
  const trigger = checkTrigger(p, input.trigger);
  const forEvent = trigger !== null && trigger !== 'keyword' && trigger !== 'default';
  p.array(input.replies, 'replies', 1, LIMITS.repliesPerRule).forEach((r, i) => checkReply(p, r, `replies[${i}]`, forEvent));
  if (input.replyMode !== undefined) p.oneOf(input.replyMode, 'replyMode', ['all', 'random']);
  if (input.priority !== undefined) p.integer(input.priority, 'priority', -LIMITS.priority, LIMITS.priority);
  if (input.enabled !== undefined && typeof input.enabled !== 'boolean') p.add('enabled', 'must be true or false');
  if (input.activeWindows !== undefined) {
    p.array(input.activeWindows, 'activeWindows', 0, LIMITS.windowsPerRule).forEach((w, i) => checkWindow(p, w, `activeWindows[${i}]`));
  }
  if (input.cooldownMinutes !== undefined) p.integer(input.cooldownMinutes, 'cooldownMinutes', 0, LIMITS.cooldownMinutes);
  if (p.list.length > 0) return fail(p.list);
  return {
    name: input.name as string,
    trigger: input.trigger as Trigger,
    replies: input.replies as RuleFields['replies'],
    replyMode: (input.replyMode as RuleFields['replyMode'] | undefined) ?? 'all',
    priority: (input.priority as number | undefined) ?? 0,
    enabled: (input.enabled as boolean | undefined) ?? true,
    activeWindows: (input.activeWindows as TimeWindow[] | undefined) ?? [],
    cooldownMinutes: (input.cooldownMinutes as number | undefined) ?? 0,
  };
}

function fail(problems: FieldProblem[]): never {
  throw new ValidationError(`the rule is invalid: ${problems.map((x) => `${x.field} ${x.message}`).join('; ')}`, problems);
}

/** Returns the trigger kind when it is a known one (so replies can be judged against it). */
function checkTrigger(p: Problems, trigger: unknown): Trigger['kind'] | null {
  if (!isObject(trigger)) {
    p.add('trigger', trigger === undefined ? 'is required' : 'must be an object');
    return null;
  }
  if (!p.oneOf(trigger.kind, 'trigger.kind', TRIGGER_KINDS)) return null;
  const kind = trigger.kind as Trigger['kind'];
  const known: Record<Trigger['kind'], string[]> = {
    keyword: ['keywords'], subscribe: ['scene'], click: ['key'], scan: ['scene'], event: ['event', 'key'], default: [],
  };
  p.unknownKeys(trigger, ['kind', ...known[kind]], 'trigger');
  if (kind === 'keyword') {
    p.array(trigger.keywords, 'trigger.keywords', 1, LIMITS.keywordsPerRule).forEach((k, i) => checkKeyword(p, k, `trigger.keywords[${i}]`));
  } else if (kind === 'subscribe') p.text(trigger.scene, 'trigger.scene', LIMITS.sceneChars, { optional: true });
  else if (kind === 'scan') p.text(trigger.scene, 'trigger.scene', LIMITS.sceneChars);
  else if (kind === 'click') p.text(trigger.key, 'trigger.key', LIMITS.eventKeyChars);
  else if (kind === 'event') {
    p.text(trigger.event, 'trigger.event', LIMITS.eventNameChars);
    p.text(trigger.key, 'trigger.key', LIMITS.eventKeyChars, { optional: true });
  }
  return kind;
}

function checkKeyword(p: Problems, keyword: unknown, field: string): void {
  if (!isObject(keyword)) return p.add(field, 'must be an object');
  p.unknownKeys(keyword, ['text', 'mode'], field);
  const modeOk = p.oneOf(keyword.mode, `${field}.mode`, matchModes);
  const text = keyword.text;
  if (keyword.mode === 'regex') {
    if (typeof text !== 'string') return p.add(`${field}.text`, text === undefined ? 'is required' : 'must be a string');
    const safety = checkRegexSafety(text);
    if (!safety.ok) p.add(`${field}.text`, safety.reason);
    return;
  }
  p.text(text, `${field}.text`, LIMITS.keywordChars);
  // Only blank-after-normalization is left to catch here (e.g. a lone ideographic space).
  if (modeOk && typeof text === 'string' && text.trim() !== '' && normalizeText(text) === '') p.add(`${field}.text`, 'must not be empty');
}

function checkWindow(p: Problems, window: unknown, field: string): void {
  if (!isObject(window)) return p.add(field, 'must be an object');
  const w = window as Raw;
  p.unknownKeys(w, ['days', 'start', 'end'], field);
  for (const end of ['start', 'end'] as const) {
    if (typeof w[end] !== 'string' || parseClock(w[end]) === null) p.add(`${field}.${end}`, 'must be a time HH:MM between 00:00 and 23:59');
  }
  if (w.days === undefined) return;
  p.array(w.days, `${field}.days`, 0, 7).forEach((d, i) => {
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0 || d > 6) p.add(`${field}.days[${i}]`, 'must be a day 0–6 (0 = Sunday)');
  });
}
