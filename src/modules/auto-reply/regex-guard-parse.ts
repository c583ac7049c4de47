/**
 * A lenient parser of JavaScript regex syntax (non-unicode mode), enough to see the structure the
 * backtracking analysis and the literal pre-filter need: alternatives, groups, quantifiers and
 * single-character atoms. It runs only on patterns `new RegExp` has already accepted, so it never
 * has to report syntax errors itself.
 */
export type RegexNode =
  /** One character from a set; `source` re-creates the set, `literal` is the char when it is one. */
  | { type: 'atom'; source: string; literal: string | null }
  | { type: 'group'; alternatives: RegexNode[][]; lookaround: boolean }
  | { type: 'repeat'; body: RegexNode; min: number; max: number }
  /** ^ $ \b \B: consume nothing. */
  | { type: 'assertion'; kind: '^' | '$' | 'b' | 'B' }
  | { type: 'backref' };

const SPECIAL = new Set('\\^$.*+?()[]{}|/');
const CLASS_ESCAPES = new Set('dDwWsS');

export function parseRegex(pattern: string): RegexNode[][] {
  return new Parser(pattern).disjunction();
}

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  disjunction(): RegexNode[][] {
    const alternatives = [this.alternative()];
    while (this.s[this.i] === '|') {
      this.i++;
      alternatives.push(this.alternative());
    }
    return alternatives;
  }

  private alternative(): RegexNode[] {
    const seq: RegexNode[] = [];
    while (this.i < this.s.length && this.s[this.i] !== '|' && this.s[this.i] !== ')') seq.push(this.quantified(this.term()));
    return seq;
  }

  private term(): RegexNode {
    const c = this.s[this.i]!;
    if (c === '^' || c === '$') return this.i++, { type: 'assertion', kind: c };
    if (c === '(') return this.group();
    if (c === '[') return this.charClass();
    if (c === '\\') return this.escape();
    this.i++;
    if (c === '.') return { type: 'atom', source: '.', literal: null };
    return { type: 'atom', source: SPECIAL.has(c) ? `\\${c}` : c, literal: c };
  }

  private group(): RegexNode {
    this.i++;
    let lookaround = false;
    const head = this.s.slice(this.i, this.i + 3);
    if (head.startsWith('?:')) this.i += 2;
    else if (/^\?<?[=!]/.test(head)) {
      lookaround = true;
      this.i += head[1] === '<' ? 3 : 2;
    } else if (head.startsWith('?<')) this.i = this.s.indexOf('>', this.i) + 1;
    else {
      // A modifier group, (?i:…) or (?-i:…) (newer Node versions accept them): a plain group here.
      const modifiers = /^\?[a-z]*(?:-[a-z]*)?:/.exec(this.s.slice(this.i));
      if (modifiers) this.i += modifiers[0].length;
    }
    const alternatives = this.disjunction();
    this.i++; // ')'
    return { type: 'group', alternatives, lookaround };
  }

  private charClass(): RegexNode {
    const start = this.i++;
    while (this.i < this.s.length && this.s[this.i] !== ']') this.i += this.s[this.i] === '\\' ? 2 : 1;
    this.i++;
    return { type: 'atom', source: this.s.slice(start, this.i), literal: null };
  }

  private escape(): RegexNode {
    const c = this.s[this.i + 1] ?? '';
    const start = this.i;
    this.i += 2;
    if (c === 'b' || c === 'B') return { type: 'assertion', kind: c };
    if (/[1-9]/.test(c)) {
      while (/\d/.test(this.s[this.i] ?? '')) this.i++;
      return { type: 'backref' };
    }
    // \k<name> is a back-reference; a \k without a closing '>' compiles only in a pattern without
    // named groups, where it is the letter k (reading on from index 0 here once looped forever).
    const close = c === 'k' && this.s[this.i] === '<' ? this.s.indexOf('>', this.i) : -1;
    if (close !== -1) {
      this.i = close + 1;
      return { type: 'backref' };
    }
    // Without the u flag (Annex B), a malformed escape is not an error but other characters: \xzz is
    // 'x' then 'zz', \c1 is a backslash then 'c1'; and \0 with octal digits is one character (\041 is '!').
    if (c === 'x' || c === 'u') {
      const digits = c === 'x' ? 2 : 4;
      if (!new RegExp(`^[0-9a-fA-F]{${digits}}`).test(this.s.slice(this.i))) return { type: 'atom', source: c, literal: c };
      this.i += digits;
    } else if (c === 'c') {
      if (!/[A-Za-z]/.test(this.s[this.i] ?? '')) {
        this.i = start + 1;
        return { type: 'atom', source: '\\\\', literal: '\\' };
      }
      this.i += 1;
    } else if (c === '0') {
      while (this.i - start < 4 && /[0-7]/.test(this.s[this.i] ?? '')) this.i++;
    }
    const source = this.s.slice(start, this.i);
    // Identity escapes of non-alphanumerics (\. \? \中) are the character itself.
    const literal = source.length === 2 && !/[0-9A-Za-z_]/.test(c) && !CLASS_ESCAPES.has(c) ? c : null;
    return { type: 'atom', source, literal };
  }

  private quantified(node: RegexNode): RegexNode {
    const c = this.s[this.i];
    let min: number;
    let max: number;
    if (c === '*' || c === '+' || c === '?') {
      this.i++;
      [min, max] = c === '*' ? [0, Infinity] : c === '+' ? [1, Infinity] : [0, 1];
    } else {
      const m = c === '{' ? /^\{(\d+)(,(\d*))?\}/.exec(this.s.slice(this.i)) : null;
      if (!m) return node;
      this.i += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    }
    if (this.s[this.i] === '?') this.i++; // lazy: same structure, same risk
    return { type: 'repeat', body: node, min, max };
  }
}
