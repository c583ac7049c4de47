import fc from 'fast-check';
import { compileLinear } from '../../../../src/modules/auto-reply/regex-linear';
import { REGEX_FLAGS } from '../../../../src/modules/auto-reply/regex-guard';

// Patterns of the kinds that leave the plain-RegExp path (repeated groups, several large
// repetitions, guard-rejected ones), with the characters where RE2 and JavaScript could part ways.
const PATTERNS = [
  '(\\d+\\.)+价格', '(hello|hi)+\\s+world', '^(a+)+$', '(优惠|折扣)+.*(券|码)', '^(\\w+\\s?)*$', '(a|ab)+c',
  '(.*a){3}', '\\S+\\s\\S+', '[\\s,]+(x|y)+', '^.+$', 'a.b', '[^\\s]+!', '(\\d{3,}-)+\\d', '(ab|cd)+\\b', '[\\u4e00-\\u9fa5]+(吗|呢)+',
];
const ALPHABET = ['a', 'b', 'c', 'x', 'y', 'A', 'B', '1', '2', '.', '-', '!', ',', ' ', '\t', '\n', '\r', '\u3000', '\u00a0', '\u2028', '\ufeff',
  '价', '格', '优', '惠', '券', '码', '吗', '呢', 'é', 'É', '_', 'hello', 'hi', 'world'];

describe('compileLinear (RE2 with JavaScript meaning)', () => {
  it.each(PATTERNS)('when the pattern is %s, then RE2 and RegExp agree on random messages', (pattern) => {
    const linear = compileLinear(pattern, REGEX_FLAGS);
    expect(linear).not.toBeNull();
    const js = new RegExp(pattern, REGEX_FLAGS);
    fc.assert(fc.property(fc.array(fc.constantFrom(...ALPHABET), { maxLength: 16 }).map((a) => a.join('')), (message) => {
      expect(linear!.test(message)).toBe(js.test(message));
    }), { numRuns: 400 });
  });

  it('when the pattern uses \\s or ., then Unicode spaces and line terminators count as JavaScript counts them', () => {
    expect(compileLinear('a\\sb', 'i')!.test('a\u3000b')).toBe(true);
    expect(compileLinear('a\\Sb', 'i')!.test('a\u00a0b')).toBe(false);
    expect(compileLinear('a.b', 'i')!.test('a\rb')).toBe(false);
    expect(compileLinear('[\\s]x', 'i')!.test('\ufeffx')).toBe(true);
  });

  it('when a message has an emoji, then .* agrees, and a single . takes the whole emoji (JavaScript takes half of it)', () => {
    expect(compileLinear('(x|y)+.*!', 'i')!.test('x😀!')).toBe(true);
    expect(compileLinear('(x|y)+.!', 'i')!.test('x😀!')).toBe(true);
    expect(/(x|y)+.!/i.test('x😀!')).toBe(false);
  });

  it('when RE2 cannot run the pattern with its JavaScript meaning, then there is no linear form (it stays in the sandbox)', () => {
    for (const pattern of ['(a+)\\1', '(?<y>\\d)\\k<y>', 'a(?=b)', '(?<!x)y', '[\\S]+', '[]a', '[^]']) expect(compileLinear(pattern, 'i')).toBeNull();
  });

  it('when a class contains [, then it is the character (JavaScript), not the start of a POSIX class (RE2)', () => {
    const cases: [string, string][] = [['[[:alpha:]]', 'a'], ['([[:alpha:]])+', 'b!'], ['[[:alpha:]]', ':]'], ['x[[]+', 'x[[']];
    for (const [pattern, message] of cases) {
      expect(compileLinear(pattern, 'i')!.test(message)).toBe(new RegExp(pattern, 'i').test(message));
    }
  });

  it('when a pathological pattern meets a hostile input, then RE2 answers (a backtracking engine would not finish)', () => {
    expect(compileLinear('^(a+)+$', 'i')!.test(`${'a'.repeat(5000)}!`)).toBe(false);
  });
});
