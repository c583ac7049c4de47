import RE2 from 're2';

/** What the matcher needs of a compiled pattern: JS RegExp and RE2 both have it. */
export interface PatternTest {
  test(input: string): boolean;
}

// JavaScript's \s (ECMA-262 WhiteSpace and LineTerminator) and what its '.' excludes. RE2's own \s
// is ASCII only and its '.' matches \r, so both are spelled out for RE2.
const JS_SPACE = '\\t\\n\\v\\f\\r \\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}';
const JS_DOT = '[^\\n\\r\\x{2028}\\x{2029}]';

/**
 * The pattern compiled for RE2, which runs in time linear in the input, so no time bound and no
 * sandbox is needed: a non-linear pattern (repeated groups, several large repetitions) costs ~1 µs
 * per message here instead of ~110 µs for an entry into the node:vm sandbox. Null when RE2 cannot
 * run it with JavaScript's meaning: back-references and look-around (RE2 has neither), `\S` inside a
 * class, anything else RE2 refuses. Those stay in the sandbox.
 *
 * Known remaining differences, both about characters outside everyday text:
 * - RE2 reads code points, JavaScript (without the `u` flag) UTF-16 units: a single `.` or `[^…]`
 *   takes a whole emoji here, half of one in JavaScript (`.*` and literals agree);
 * - with the `i` flag RE2 folds case by Unicode rules, so the rare letters that fold onto ASCII
 *   (ſ → s, K (Kelvin) → k) match where JavaScript's non-unicode `i` would not.
 */
export function compileLinear(pattern: string, flags: string): PatternTest | null {
  const translated = toRe2Syntax(pattern);
  if (translated === null) return null;
  try {
    return new RE2(translated, flags);
  } catch {
    return null;
  }
}

/** Rewrites `.`, `\s` and `\S` to JavaScript's meaning; null where that cannot be said in RE2. */
function toRe2Syntax(pattern: string): string | null {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      i++;
      if (next === 's') out += inClass ? JS_SPACE : `[${JS_SPACE}]`;
      else if (next === 'S') {
        if (inClass) return null;
        out += `[^${JS_SPACE}]`;
      } else out += c + next;
    } else if (inClass) {
      if (c === ']') inClass = false;
      // '[' inside a class is a literal in JavaScript; RE2 would read '[:alpha:]' as a POSIX class.
      out += c === '[' ? '\\[' : c;
    } else if (c === '[') {
      inClass = true;
      out += c;
      // A ']' right after '[' or '[^' is a literal in RE2 but ends an empty class in JavaScript.
      if (pattern[i + 1] === '^') out += pattern[++i];
      if (pattern[i + 1] === ']') return null;
    } else out += c === '.' ? JS_DOT : c;
  }
  return out;
}
