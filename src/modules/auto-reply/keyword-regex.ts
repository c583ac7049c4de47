import { checkRegexSafety, REGEX_FLAGS } from './regex-guard';
import { isLinear, requiredLiterals } from './regex-guard-literal';
import { parseRegex, type RegexNode } from './regex-guard-parse';
import type { RegexCandidate } from './regex-guard-runner';
import { lengthBounds } from './regex-length';
import { compileLinear, type PatternTest } from './regex-linear';
import { mayMatch, requiredKinds } from './regex-required-chars';

/**
 * A regex keyword compiled once per distinct pattern, with what lets the engine skip running it on
 * most messages (running a cold one of 10 000 patterns costs about a microsecond): the literals every
 * match contains (the automaton finds the first; the others are checked in the text), the kinds of
 * character it needs, and the message lengths it can match.
 */
export interface CompiledPattern extends RegexCandidate {
  /** The same number for the same pattern text: a pattern several rules share runs once per message. */
  pattern: number;
  /** The literal the automaton looks for, or null (then a candidate for every message the other filters pass). */
  literal: string | null;
  /** Required literals besides that one. */
  alsoRequired: readonly string[];
  /** The kinds of character it cannot match without (regex-required-chars.ts). */
  needs: number;
  /** The message lengths it can match at all (regex-length.ts); NO_LIMIT when unbounded. */
  minLength: number;
  maxLength: number;
}

export const NO_LIMIT = 0x7fffffff;

/**
 * Null when the pattern does not compile (stored before validation existed): such a keyword never
 * matches. A guard-approved linear pattern runs as a JS RegExp; any other pattern runs on RE2 when
 * RE2 can run it (linear time whatever the pattern, even one the guard rejects), and otherwise
 * (back-references, look-around) in the time-bounded sandbox. `maxInput` is the runner's cap on
 * what a regex sees of a message: a length bound above it cannot exclude anything.
 */
export function compilePattern(source: string, pattern: number, maxInput: number): CompiledPattern | null {
  let regex: RegExp;
  try {
    regex = new RegExp(source, REGEX_FLAGS);
  } catch {
    return null;
  }
  try {
    const ast = parseRegex(source);
    if (checkRegexSafety(source).ok && isLinear(ast)) return { regex: warm(regex), direct: true, ...filtersOf(ast, pattern, maxInput, 1) };
    // RE2 reads a character outside the BMP as one, where JavaScript reads two units (😀* repeats
    // only the second): such patterns stay with JavaScript, in the sandbox, to keep their meaning.
    const linear = /[\ud800-\udfff]/.test(source) ? null : compileLinear(source, REGEX_FLAGS);
    if (linear === null) return { regex, direct: false, ...filtersOf(ast, pattern, maxInput, 1) };
    return { regex: warm(linear), direct: true, ...filtersOf(ast, pattern, maxInput, 2) };
  } catch {
    // Only a pattern stored before the length limit nests deep enough to exhaust the stack of the
    // analysis: it runs as JavaScript reads it, bounded, on every message.
    return { regex, direct: false, ...NO_FILTERS, pattern };
  }
}

type Filters = Omit<CompiledPattern, keyof RegexCandidate>;

const NO_FILTERS = { literal: null, alsoRequired: [], needs: 0, minLength: 0, maxLength: NO_LIMIT } as const;

/** `unitsPerAtom`: the most UTF-16 units one atom can take (2 on RE2). */
function filtersOf(ast: RegexNode[][], pattern: number, maxInput: number, unitsPerAtom: number): Filters {
  const [literal = null, ...alsoRequired] = requiredLiterals(ast);
  const bounds = lengthBounds(ast);
  const max = unitsPerAtom * bounds.max;
  return {
    pattern, literal, alsoRequired, needs: requiredKinds(ast),
    minLength: Math.min(bounds.min, NO_LIMIT),
    maxLength: bounds.whole && max < Math.min(maxInput, NO_LIMIT) ? max : NO_LIMIT,
  };
}

/** Whether the filters let the pattern run on the normalized text, whose character kinds are `kinds`. */
export function mayRun(p: Omit<Filters, 'pattern' | 'literal'>, text: string, kinds: number): boolean {
  if (text.length < p.minLength || text.length > p.maxLength) return false;
  if (p.needs !== 0 && !mayMatch(p.needs, kinds)) return false;
  for (const literal of p.alsoRequired) if (!text.includes(literal)) return false;
  return true;
}

/**
 * Runs a pattern a few times on tiny inputs, so V8 compiles it now, for both string widths (Chinese
 * text is two-byte, ASCII one-byte) and up to its native tier, instead of on the first follower
 * message that needs it: that costs 0.1–0.3 ms per pattern and, right after 10 000 regex rules are
 * compiled, fell on a message in every hundred (bench: p99 of the first pass, 14 → 8 µs at 100 000
 * rules). Tiny inputs cannot backtrack for long, and only linear or RE2 patterns come here.
 */
function warm<T extends PatternTest>(pattern: T): T {
  // The first run interprets V8's bytecode and marks the pattern for its native tier; the second
  // compiles that tier for the string width it meets.
  for (let round = 0; round < 2; round++) {
    pattern.test('\u4e00a1');
    pattern.test('a1');
  }
  return pattern;
}
