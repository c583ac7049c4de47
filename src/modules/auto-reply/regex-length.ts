import type { RegexNode } from './regex-guard-parse';

/**
 * A third pre-filter for regex rules: how long a message a pattern can match at all. Every atom
 * takes one UTF-16 unit in JavaScript (RE2 may take two for a character outside the BMP, so the
 * engine doubles `max` for patterns RE2 runs), so `订单\d{6}` needs 8 units, and a pattern anchored at
 * both ends such as `^\d{6}$` or `^1[3-9]\d{9}$` (order numbers, phone numbers) matches only
 * messages of exactly its length: it no longer runs on every message that has a digit somewhere.
 */
export interface LengthBounds {
  /** The fewest units any match consumes. */
  min: number;
  /** The most (Infinity when unbounded). */
  max: number;
  /** `^…$` with nothing outside: the whole message must be the match, so its length must be in [min, max]. */
  whole: boolean;
}

export function lengthBounds(alternatives: RegexNode[][]): LengthBounds {
  const seq = alternatives.length === 1 ? alternatives[0]! : [];
  const first = seq[0];
  const last = seq[seq.length - 1];
  const whole = first?.type === 'assertion' && first.kind === '^' && last?.type === 'assertion' && last.kind === '$' && seq.length > 1;
  return { min: bound(alternatives, 'min'), max: bound(alternatives, 'max'), whole };
}

function bound(alternatives: RegexNode[][], which: 'min' | 'max'): number {
  let result = which === 'min' ? Infinity : 0;
  for (const alt of alternatives) { // a loop: a stored pattern may have 100 000 alternatives
    const length = alt.reduce((sum, node) => sum + nodeBound(node, which), 0);
    result = which === 'min' ? Math.min(result, length) : Math.max(result, length);
  }
  return result;
}

function nodeBound(node: RegexNode, which: 'min' | 'max'): number {
  switch (node.type) {
    case 'atom': return 1;
    case 'assertion': return 0;
    // A back-reference repeats a group's text, which may be empty or long.
    case 'backref': return which === 'min' ? 0 : Infinity;
    case 'group': return node.lookaround ? 0 : bound(node.alternatives, which);
    case 'repeat': {
      const count = which === 'min' ? node.min : node.max;
      const body = nodeBound(node.body, which);
      return count === 0 || body === 0 ? 0 : count * body;
    }
  }
}
