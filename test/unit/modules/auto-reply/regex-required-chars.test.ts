import fc from 'fast-check';
import { normalizeText } from '../../../../src/modules/auto-reply/normalize';
import { parseRegex } from '../../../../src/modules/auto-reply/regex-guard-parse';
import { compileLinear } from '../../../../src/modules/auto-reply/regex-linear';
import { charKinds, DIGIT, LETTER, mayMatch, NON_ASCII, OTHER_ASCII, requiredKinds } from '../../../../src/modules/auto-reply/regex-required-chars';
import { regexPieces, textFrom, withMessages } from './regex-arbitrary';

/** The engine's question: may the pattern match this follower text (normalized, as the engine does)? */
const mayRun = (pattern: string, message: string) => mayMatch(requiredKinds(parseRegex(pattern)), charKinds(normalizeText(message)));
const needsOf = (pattern: string) => requiredKinds(parseRegex(pattern));

describe('charKinds', () => {
  it('when a text mixes characters, then each kind present is reported and no other', () => {
    expect(charKinds('')).toBe(0);
    expect(charKinds('你好世界')).toBe(NON_ASCII);
    expect(charKinds('订单123')).toBe(NON_ASCII | DIGIT);
    expect(charKinds('Ab')).toBe(LETTER);
    expect(charKinds('a.b 1')).toBe(LETTER | OTHER_ASCII | DIGIT);
    expect(charKinds('_@ ~')).toBe(OTHER_ASCII);
  });

  it('when full-width digits are normalized, then they count as ASCII digits', () => {
    expect(charKinds('１２')).toBe(NON_ASCII);
    expect(charKinds(normalizeText('订单１２３'))).toBe(NON_ASCII | DIGIT);
  });
});

describe('requiredKinds and mayMatch', () => {
  it.each([
    ['订单\\d+', '订单123'],
    ['^\\d{6}$', '123456'],
    ['[0-9]{2}', '订单123'],
    ['(\\d+\\.)+价格', '订单12.价格'],
    ['\\w+@x', 'a1@x.com'],
    ['[a-z]{3}\\d', 'abc1'],
  ])('when the pattern is %s, then it is skipped for pure Chinese text but not for %s', (pattern, fitting) => {
    expect(needsOf(pattern)).not.toBe(0);
    expect(mayRun(pattern, '你好世界')).toBe(false);
    expect(mayRun(pattern, fitting)).toBe(true);
    expect(new RegExp(pattern, 'i').test(normalizeText(fitting))).toBe(true);
  });

  it.each(['订单\\d+', '^\\d{6}$', '[0-9]{2}'])('when the pattern %s needs a digit, then an order message with digits may run it', (pattern) => {
    expect(mayRun(pattern, '订单123')).toBe(true);
    expect(mayRun(pattern, '订单１２３')).toBe(true); // NFKC: full-width digits become ASCII
  });

  it('when a pattern needs a dot or an @, then digits alone do not satisfy it', () => {
    expect(mayRun('(\\d+\\.)+价格', '订单123')).toBe(false);
    expect(mayRun('\\w+@x', '订单123')).toBe(false);
  });

  it('when the pattern is written in capitals, then it needs letters, which the lower-case text has', () => {
    expect(mayRun('VIP\\d+', 'ＶＩＰ８')).toBe(true);
    expect(mayRun('VIP\\d+', '会员8')).toBe(false);
  });

  it.each(['\\d?', '\\d*', '\\d{0,3}', 'a|\\d', '(a|\\d)', '(?:x|)', '[^0-9]', '.', '\\s', '\\D', '\\W', '(?=\\d)', '(?!\\d)', '(?<=\\d)', '(?<!\\d)'])(
    'when the pattern is %s (optional, alternative, negated or look-around), then it needs nothing and may run on Chinese text',
    (pattern) => {
      expect(needsOf(pattern)).toBe(0);
      expect(mayRun(pattern, '你好')).toBe(true);
    },
  );

  it('when a look-around holds the only digit, then the digit is not required (the consumed part still is)', () => {
    expect(mayRun('(?=\\d)x', 'x')).toBe(true);
    expect(mayRun('(?<=\\d)x', 'x')).toBe(true);
    expect(mayRun('x(?!\\d)', 'x')).toBe(true);
    expect(mayRun('(?=\\d)x', '你好')).toBe(false); // the x is consumed, so required
  });

  it('when a non-ASCII literal has a case, then it may fold onto ASCII and is never required to be non-ASCII', () => {
    expect(needsOf('ſ')).toBe(0);
    expect(needsOf('é')).toBe(0);
    expect(mayRun('订', 'abc')).toBe(false); // an uncased CJK literal needs a non-ASCII character
  });

  it('when a class matches no ASCII character at all, then it adds no need', () => {
    expect(needsOf('[]')).toBe(0);
    expect(needsOf('[\\u4e00-\\u9fa5]')).toBe(0);
  });

  it('when needs are several masks, then each must meet the text on its own', () => {
    const needs = needsOf('a1');
    expect(mayMatch(needs, LETTER | DIGIT)).toBe(true);
    expect(mayMatch(needs, LETTER)).toBe(false);
    expect(mayMatch(needs, DIGIT | NON_ASCII | OTHER_ASCII)).toBe(false);
    expect(mayMatch(needsOf('\\w'), OTHER_ASCII)).toBe(true); // \w takes '_'
    expect(mayMatch(0, 0)).toBe(true);
    expect(needsOf('')).toBe(0);
  });
});

describe('soundness against the regex engines (differential)', () => {
  // Patterns from a small grammar (atoms, capturing, non-capturing and look-around groups,
  // alternations, quantifiers), each built with a sample text: what every atom could take, so that a message holding
  // it often matches. Samples are only hints (some differ by case, width or engine); the regexes decide.
  const ATOMS: Record<string, string[]> = {
    a: ['a', 'A'], b: ['b'], x: ['x', 'X'], z: ['z'], A: ['a', 'A', 'Ａ'], K: ['k', 'K', '\u212a'], S: ['s', 'ſ'],
    0: ['0', '０'], 1: ['1'], 9: ['9', '９'], 中: ['中'], 订: ['订'], 单: ['单'], é: ['é', 'É'], ſ: ['ſ', 's', 'S'], '\u212a': ['k', '\u212a'],
    '@': ['@', '＠'], '-': ['-'], ' ': [' ', '\u3000', '\t'], _: ['_'], '\\.': ['.', '．'],
    '\\d': ['0', '7', '２'], '\\w': ['a', 'Z', '5', '_'], '\\s': [' ', '\t', '\u3000'], '.': ['x', '中', '.', '5', ' '],
    '[0-9]': ['3', '８'], '[a-z]': ['q', 'Q'], '[A-Z]': ['m', 'M'], '[a-z0-9_]': ['k', '4', '_'], '[^a]': ['b', '中', '1', '!'],
    '[.@]': ['.', '@'], '[\\d.]': ['6', '.'], '[\\w-]': ['-', 'w', '2'],
  };
  /** Quantifier, minimum, maximum. */
  const QUANTIFIERS: [string, number, number][] = [
    ['', 1, 1], ['', 1, 1], ['', 1, 1], ['', 1, 1], ['?', 0, 1], ['*', 0, Infinity], ['+', 1, Infinity], ['+', 1, Infinity],
    ['{2}', 2, 2], ['{1,3}', 1, 3], ['{0}', 0, 0], ['{0,2}', 0, 2], ['+?', 1, Infinity], ['??', 0, 1],
  ];
  const pattern = regexPieces({ atoms: ATOMS, quantifiers: QUANTIFIERS, lookarounds: ['(?=', '(?!', '(?<=', '(?<!'], weights: { atom: 4, group: 1, lookaround: 1 } });

  // Follower text before normalization, drawn from a random subset of the four kinds so that every
  // combination (pure Chinese, digits without letters, …) is common. Each pool holds what normalizes
  // into that kind: upper and lower case, full-width forms, the ideographic space, and ſ and the Kelvin
  // sign, which Unicode case folding (RE2's `i`) maps onto ASCII and NFKC turns into s and k.
  const POOLS = [
    ['0', '1', '5', '9', '１', '２'],
    ['a', 'b', 'x', 'z', 'k', 's', 'A', 'B', 'K', 'S', 'Ａ', 'ｘ', 'ſ', '\u212a'],
    ['.', '@', '-', '_', '!', ' ', '\t', '．', '＠', '\u3000'],
    ['中', '订', '单', '你', '好', '价', '格', 'é', 'É', '，', '。', 'İ'],
  ];
  const patternAndMessage = withMessages(pattern, textFrom(POOLS, 10), ['noise', 'sample', 'embedded']);

  it('when a generated pattern matches a normalized message (RegExp or RE2), then mayMatch never skipped it', () => {
    let matched = 0;
    let matchedWithNeeds = 0;
    let re2Matched = 0;
    fc.assert(
      fc.property(patternAndMessage, ([p, raw]) => {
        const text = normalizeText(raw);
        const needs = requiredKinds(parseRegex(p));
        const may = mayMatch(needs, charKinds(text));
        if (new RegExp(p, 'i').test(text)) {
          matched++;
          if (needs !== 0) matchedWithNeeds++;
          expect({ pattern: p, text, may }).toEqual({ pattern: p, text, may: true });
        }
        const linear = compileLinear(p, 'i');
        if (linear !== null && linear.test(text)) {
          re2Matched++;
          expect({ engine: 're2', pattern: p, text, may }).toEqual({ engine: 're2', pattern: p, text, may: true });
        }
      }),
      { numRuns: 2000, seed: 20260107 },
    );
    // The implication is not vacuous: a good share of runs match, many of them with a pattern that needs something.
    expect(matched).toBeGreaterThan(200);
    expect(matchedWithNeeds).toBeGreaterThan(100);
    expect(re2Matched).toBeGreaterThan(200);
  });

  it('when a message is skipped, then it is because the pattern needs something (skips do happen)', () => {
    let skipped = 0;
    fc.assert(
      fc.property(patternAndMessage, ([p, raw]) => {
        const text = normalizeText(raw);
        if (!mayMatch(requiredKinds(parseRegex(p)), charKinds(text))) {
          skipped++;
          expect(requiredKinds(parseRegex(p))).not.toBe(0);
          expect(new RegExp(p, 'i').test(text)).toBe(false);
        }
      }),
      { numRuns: 2000, seed: 20260108 },
    );
    expect(skipped).toBeGreaterThan(50);
  });
});
