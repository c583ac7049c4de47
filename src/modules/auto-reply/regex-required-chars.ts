import type { RegexNode } from './regex-guard-parse';

/**
 * A second pre-filter for regex rules, beside the required literal (regex-guard-literal.ts): the
 * kinds of character a pattern cannot match without. `订单\d+`, `^\d{6}$` and `[a-z]{3}\d` need an
 * ASCII digit (and a letter), so a message of Chinese chatter, which has none, never runs them.
 * Operators' patterns are mostly of this shape (order numbers, phone numbers, codes), and a pattern
 * without a literal would otherwise run on every message.
 *
 * A message's kinds are four bits; a pattern's needs are a set of kind masks, one per mandatory
 * character (a character every match consumes), each mask the kinds that character can be. The
 * pattern can match only if every mask meets the message's kinds. Sound for the engine's inputs:
 * patterns run with the `i` flag on normalized (NFKC, lower-cased) text; a class of ASCII characters
 * then matches ASCII only (non-unicode `i` never maps non-ASCII onto ASCII, and NFKC has already
 * turned ſ and the Kelvin sign, which RE2's Unicode folding would map, into s and k).
 */
export const DIGIT = 1;
export const LETTER = 2;
export const OTHER_ASCII = 4;
export const NON_ASCII = 8;
const ANY = DIGIT | LETTER | OTHER_ASCII | NON_ASCII;

/** The kinds of character in `text`. */
export function charKinds(text: string): number {
  let kinds = 0;
  for (let i = 0; i < text.length && kinds !== ANY; i++) kinds |= kindOf(text.charCodeAt(i));
  return kinds;
}

/** Whether a message with these kinds can satisfy a pattern's needs. */
export function mayMatch(needs: number, kinds: number): boolean {
  return (needs & ~SATISFIED[kinds]!) === 0;
}

/** SATISFIED[kinds]: the set (bit m) of kind masks m that a message with `kinds` meets. */
const SATISFIED = Array.from({ length: 16 }, (_, kinds) => {
  let set = 0;
  for (let mask = 1; mask < 16; mask++) if ((mask & kinds) !== 0) set |= 1 << mask;
  return set;
});

/** The pattern's needs (0: none known). `alternatives` is parseRegex's result. */
export function requiredKinds(alternatives: RegexNode[][]): number {
  const atoms: Extract<RegexNode, { type: 'atom' }>[] = [];
  mandatoryAtoms(alternatives, atoms);
  let needs = 0;
  for (const atom of atoms) {
    const kinds = atomKinds(atom);
    if (kinds !== ANY && kinds !== 0) needs |= 1 << kinds;
  }
  return needs;
}

/** Atoms every match consumes: in sequence, in repetitions of at least one, in plain groups of one alternative. */
function mandatoryAtoms(alternatives: RegexNode[][], out: Extract<RegexNode, { type: 'atom' }>[]): void {
  if (alternatives.length !== 1) return;
  const visit = (node: RegexNode): void => {
    if (node.type === 'atom') out.push(node);
    else if (node.type === 'repeat' && node.min >= 1) visit(node.body);
    else if (node.type === 'group' && !node.lookaround) mandatoryAtoms(node.alternatives, out);
  };
  alternatives[0]!.forEach(visit);
}

const classKinds = new Map<string, number>();

/** The kinds of character the atom can match; ANY unless it provably matches ASCII only. */
function atomKinds(atom: Extract<RegexNode, { type: 'atom' }>): number {
  if (atom.literal !== null) {
    const c = atom.literal;
    // A cased non-ASCII letter may fold onto ASCII under RE2's Unicode `i` (ſ → s).
    return c.charCodeAt(0) >= 128 && c.toLowerCase() !== c.toUpperCase() ? ANY : kindOf(c.charCodeAt(0));
  }
  if (!asciiOnly(atom.source)) return ANY;
  let kinds = classKinds.get(atom.source);
  if (kinds === undefined) {
    kinds = 0;
    try {
      const re = new RegExp(`^(?:${atom.source})$`, 'i');
      for (let c = 0; c < 128; c++) if (re.test(String.fromCharCode(c))) kinds |= kindOf(c);
    } catch {
      kinds = ANY;
    }
    if (classKinds.size < 1000) classKinds.set(atom.source, kinds);
  }
  return kinds;
}

/** \d, \w, or a positive class of ASCII characters, ranges between them, \d, \w and escaped punctuation. */
function asciiOnly(source: string): boolean {
  if (source === '\\d' || source === '\\w') return true;
  if (!source.startsWith('[') || source.startsWith('[^') || !source.endsWith(']')) return false;
  for (let i = 1; i < source.length - 1; i++) {
    const c = source.charCodeAt(i);
    if (c >= 128) return false;
    if (source[i] !== '\\') continue;
    const next = source[++i] ?? '';
    if (next !== 'd' && next !== 'w' && !/^[!-/:-@[-`{-~]$/.test(next)) return false;
  }
  return true;
}

function kindOf(code: number): number {
  if (code >= 48 && code <= 57) return DIGIT;
  if ((code | 32) >= 97 && (code | 32) <= 122) return LETTER;
  return code < 128 ? OTHER_ASCII : NON_ASCII;
}
