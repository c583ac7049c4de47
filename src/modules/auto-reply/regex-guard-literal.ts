import type { RegexNode } from './regex-guard-parse';
import { LARGE } from './regex-guard';

/**
 * Two facts about a (guard-approved) pattern that keep regex rules cheap at 10 000 rules:
 *
 * - its required literals: runs of characters every match must contain. The engine finds the
 *   longest of each pattern in a message with one Aho-Corasick pass and runs only the regexes whose
 *   literals are all there. Sound because matching uses the `i` flag on the lower-cased message: an ASCII letter then
 *   matches only its lower-case form (non-unicode `i` never maps non-ASCII to ASCII), and uncased
 *   characters (CJK, digits, punctuation) only themselves. Other cased letters (é, Ω) end a run.
 * - whether it is linear: no repeated group, no back-reference or look-around, at most one large
 *   repetition. Such a pattern runs in at most O(n²) steps on the capped input, so it runs directly;
 *   the others pay for the sandbox with its time bound (see regex-guard-runner.ts).
 */

/**
 * Every run of characters every match must contain, longest first. The engine looks for the first
 * with its automaton and checks the others in the message before running the pattern: `订单.*取消`
 * runs only where both words occur.
 */
export function requiredLiterals(alternatives: RegexNode[][]): string[] {
  if (alternatives.length !== 1) return [];
  const runs: string[] = [];
  let run = '';
  const flush = () => {
    if (run !== '' && !runs.includes(run)) runs.push(run);
    run = '';
  };
  for (const node of alternatives[0]!) {
    const atom = node.type === 'repeat' && node.min >= 1 ? node.body : node;
    const literal = atom.type === 'atom' ? safeLiteral(atom.literal) : null;
    if (literal === null) flush();
    else {
      run += literal;
      if (atom !== node) flush(); // a+ requires one 'a', but what follows need not be adjacent to it
    }
  }
  flush();
  return runs.sort((a, b) => b.length - a.length);
}

function safeLiteral(c: string | null): string | null {
  if (c === null) return null;
  if (c.charCodeAt(0) < 128) return c.toLowerCase();
  return c.toLowerCase() === c.toUpperCase() ? c : null;
}

export function isLinear(alternatives: RegexNode[][]): boolean {
  let large = 0;
  const visit = (node: RegexNode): boolean => {
    switch (node.type) {
      case 'backref': return false;
      case 'repeat':
        if (node.body.type !== 'atom') return false;
        if (node.max > LARGE) large++;
        return large <= 1;
      case 'group': return !node.lookaround && node.alternatives.every((alt) => alt.every(visit));
      default: return true;
    }
  };
  return alternatives.every((alt) => alt.every(visit));
}
