import { parseRegex, type RegexNode } from './regex-guard-parse';
import { atomSet, sequenceStart, startOf } from './regex-guard-sets';

/**
 * The save-time guard against catastrophic backtracking (ReDoS). V8's regex engine backtracks, so a
 * pattern like (a+)+$ takes exponential time on 'aaaa…!'. A static check that is sound-enough for
 * operators' patterns rejects the known shapes; whatever slips through still runs under a time bound
 * (regex-guard-runner.ts). A repetition is "large" when it may repeat more than LARGE times
 * ((x)* (x)+ (x){2,} (x){1,20}). Rejected:
 *
 * 1. a large repetition of a group that contains another large repetition (nested quantifiers:
 *    (a+)+, (a*)*, (.*a){20}), UNLESS the inner one is a single-character repetition bounded inside
 *    each iteration by a required neighbour character it cannot match — (\d+\.)+ and (\.\d+)+ split
 *    their input one way only and are safe, as version numbers and dotted lists are common;
 * 2. a large repetition of a group whose alternatives can start with the same character or match
 *    nothing ((a|a)*, (a|ab)+, (\w|\d)+, (a?|b)*): each character could be taken by either branch;
 * 3. a large repetition of something that can match the empty string ((a?)*, (\b)+).
 *
 * Not rejected (polynomial at worst, and the input length is capped): adjacent overlapping
 * quantifiers such as \s*.*$ or .*x.*y. Syntax is checked by V8 itself with the flags matching uses.
 */
export const LARGE = 10;
export const MAX_PATTERN_LENGTH = 200;
export const REGEX_FLAGS = 'i';

export type RegexSafety = { ok: true } | { ok: false; reason: string };

export function checkRegexSafety(pattern: string): RegexSafety {
  if (pattern.length === 0) return { ok: false, reason: 'is empty' };
  if (pattern.length > MAX_PATTERN_LENGTH) return { ok: false, reason: `is longer than ${MAX_PATTERN_LENGTH} characters` };
  try {
    new RegExp(pattern, REGEX_FLAGS);
  } catch (err) {
    return { ok: false, reason: `is not a valid regular expression (${(err as Error).message})` };
  }
  const reason = inspectAlternatives(parseRegex(pattern), false);
  return reason === null ? { ok: true } : { ok: false, reason: `is prone to catastrophic backtracking: ${reason}` };
}

const isLarge = (node: RegexNode): node is Extract<RegexNode, { type: 'repeat' }> => node.type === 'repeat' && node.max > LARGE;

function inspectAlternatives(alternatives: RegexNode[][], insideLarge: boolean): string | null {
  for (const seq of alternatives) {
    for (let k = 0; k < seq.length; k++) {
      const node = seq[k]!;
      if (insideLarge && isLarge(node) && !(node.body.type === 'atom' && delimited(seq, k))) {
        return 'a quantifier nested in a repeated group (like (a+)+)';
      }
      const reason = inspect(node, insideLarge);
      if (reason !== null) return reason;
    }
  }
  return null;
}

function inspect(node: RegexNode, insideLarge: boolean): string | null {
  if (node.type === 'group') return inspectAlternatives(node.alternatives, insideLarge);
  if (node.type !== 'repeat') return null;
  if (node.max <= LARGE) return inspect(node.body, insideLarge);
  if (startOf(node.body).nullable) return 'a repeated part that can match the empty string (like (a?)*)';
  const body = node.body;
  if (body.type === 'group' && overlappingAlternatives(body.alternatives)) {
    return 'a repeated group whose alternatives can match the same text (like (a|a)*)';
  }
  if (body.type === 'atom') return null;
  if (body.type === 'repeat') return 'a quantifier nested in a repeated group (like (a+)+)';
  return inspect(body, true);
}

function overlappingAlternatives(alternatives: RegexNode[][]): boolean {
  let seen = 0n;
  for (const alt of alternatives) {
    const s = sequenceStart(alt);
    if (s.nullable || (seen & s.first) !== 0n) return true;
    seen |= s.first;
  }
  return false;
}

/** seq[k] (a one-character repetition) has a required neighbour it cannot match, fixing where it stops. */
function delimited(seq: RegexNode[], k: number): boolean {
  const own = startOf(seq[k]!).first;
  const fence = (n: RegexNode | undefined) => n !== undefined && n.type === 'atom' && (atomSet(n.source) & own) === 0n;
  return fence(seq[k - 1]) || fence(seq[k + 1]);
}
