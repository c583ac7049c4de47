import type { AutoReplyRule, Keyword, MatchMode } from './auto-reply';
import { isActiveAt } from './time-windows';

/**
 * The deterministic order of candidates, so the same message always gets the same answer whatever
 * the order rules were loaded or stored in:
 * 1. priority, higher first;
 * 2. the more specific match: exact > prefix > contains > regex; among prefix and contains keywords
 *    the longer keyword (after normalization);
 * 3. the older rule: createdAt, then id; within one rule, the earlier keyword.
 */
export const SPECIFICITY: Record<MatchMode, number> = { exact: 4, prefix: 3, contains: 2, regex: 1 };

/** A compiled rule, with what the hot path needs precomputed. */
export interface RuleInfo {
  rule: AutoReplyRule;
  /** 0 for the oldest rule (createdAt, then id). */
  age: number;
  /** Memo of the active-window check for the current match call (see ActiveCheck). */
  checkedIn: number;
  active: boolean;
}

export interface KeywordEntry {
  info: RuleInfo;
  keyword: Keyword;
  /** Position among the rule's keywords. */
  position: number;
  specificity: number;
  /** Normalized length; 0 for regex. */
  length: number;
}

/** Negative when `a` ranks before `b`, positive when after, 0 for the same keyword of the same rule. */
export const byRank = (a: KeywordEntry, b: KeywordEntry): number =>
  b.info.rule.priority - a.info.rule.priority || b.specificity - a.specificity || b.length - a.length ||
  a.info.age - b.info.age || a.position - b.position;
export const byPriorityThenAge = (a: RuleInfo, b: RuleInfo): number => b.rule.priority - a.rule.priority || a.age - b.age;

/** Ages rules: older createdAt first, id as the tie-break (createdAt has only millisecond resolution). */
export function ageOrder(rules: readonly AutoReplyRule[]): RuleInfo[] {
  const time = (r: AutoReplyRule) => {
    const t = Date.parse(r.createdAt);
    return Number.isNaN(t) ? Infinity : t;
  };
  const sorted = [...rules].sort((a, b) => time(a) - time(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return sorted.map((rule, age) => ({ rule, age, checkedIn: -1, active: false }));
}

let calls = 0;

/**
 * The active-window check for one match call, memoized per rule: a message can hit the same rule
 * through many keywords, and formatting a date in a zone is the most expensive step of the check.
 */
export function activeCheck(now: Date, timeZone: string): (info: RuleInfo) => boolean {
  const call = ++calls;
  return (info) => {
    const windows = info.rule.activeWindows;
    if (windows.length === 0) return true;
    if (info.checkedIn !== call) {
      info.checkedIn = call;
      info.active = isActiveAt(windows, now, timeZone);
    }
    return info.active;
  };
}
