import type { AutoReplyRule } from '../../../../src/modules/auto-reply/auto-reply';
import { compileRules } from '../../../../src/modules/auto-reply/engine';
import { checkRegexSafety } from '../../../../src/modules/auto-reply/regex-guard';
import { requiredLiterals } from '../../../../src/modules/auto-reply/regex-guard-literal';
import { parseRegex } from '../../../../src/modules/auto-reply/regex-guard-parse';
import { RegexRunner } from '../../../../src/modules/auto-reply/regex-guard-runner';
import vm from 'node:vm';
import { ctx, keywordRule, kw, text } from './fixtures';

describe('checkRegexSafety', () => {
  it.each([
    '(a+)+$', '(a*)*', '(a|a)*', '(a|ab)+', '(\\w|\\d)+', '^(\\w+\\s?)*$', '(.*a){20}', '(a?)*b',
    '((ab)+)+', '(x+x+)+y', '([a-z]+)*@', '(?:\\d+)+$',
  ])('when the pattern is %s, then it is rejected as prone to catastrophic backtracking', (pattern) => {
    const result = checkRegexSafety(pattern);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/catastrophic backtracking/);
  });

  it.each([
    '^1[3-9]\\d{9}$', '订单\\s*\\d+', '^(hi|hello)\\s+world$', '(\\d+\\.)+\\d+', '(\\.\\d+)+', '[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}',
    '(ab|cd)+', '^\\d{4}-\\d{2}-\\d{2}$', '.*退款.*', '(?<year>\\d{4})年',
  ])('when the pattern is %s, then it is accepted', (pattern) => {
    expect(checkRegexSafety(pattern)).toEqual({ ok: true });
  });

  it('when the syntax is invalid, then it is rejected as invalid', () => {
    const result = checkRegexSafety('(abc');
    expect(!result.ok && result.reason).toMatch(/not a valid regular expression/);
  });

  it('when the pattern is empty or over 200 characters, then it is rejected', () => {
    expect(checkRegexSafety('').ok).toBe(false);
    expect(checkRegexSafety('a'.repeat(201)).ok).toBe(false);
  });
});

describe('the time bound', () => {
  it('when a pathological regex runs on a hostile input, then it times out quickly and counts as no match', () => {
    const runner = new RegexRunner({ timeoutMs: 30 });
    const timedOut: string[] = [];
    const started = Date.now();
    const k = runner.firstMatch([{ regex: /^(a+)+$/, direct: false, name: 'evil' }], `${'a'.repeat(40)}!`, (c) => timedOut.push(c.name));
    expect(k).toBe(-1);
    expect(timedOut).toEqual(['evil']);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('when a stored rule bypassed the guard but RE2 can run it, then it runs in linear time, with no time-out', () => {
    const timeouts: string[] = [];
    const evil: AutoReplyRule = keywordRule('evil', [kw('^(a+)+$', 'regex')], { priority: 2 });
    const c = compileRules([evil], { timeoutMs: 30, onRegexTimeout: (e) => timeouts.push(e.rule.name) });
    expect(c.match(text(`${'a'.repeat(40)}!`), ctx())).toBeNull();
    expect(c.match(text('a'.repeat(40)), ctx())?.rule.name).toBe('evil');
    expect(timeouts).toEqual([]); // in the sandbox, the first match would have timed out (see the test above)
  });

  it('when a stored rule bypassed the guard and only the sandbox can run it (look-around), then the engine reports the time-out and the next candidate still answers', () => {
    const timeouts: string[] = [];
    const evil: AutoReplyRule = keywordRule('evil', [kw('^(?=(a+)+$)a', 'regex')], { priority: 2 });
    const fine = keywordRule('fine', [kw('a!$', 'regex')], { priority: 1 });
    const c = compileRules([evil, fine], { timeoutMs: 30, onRegexTimeout: (e) => timeouts.push(e.rule.name) });
    const started = Date.now();
    expect(c.match(text(`${'a'.repeat(40)}!`), ctx())?.rule.name).toBe('fine');
    expect(timeouts).toEqual(['evil']);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('when the message is longer than the cap, then regexes see only its start', () => {
    const c = compileRules([keywordRule('tail', [kw('end$', 'regex')])], { maxInput: 10 });
    expect(c.match(text(`${'x'.repeat(20)} end`), ctx())).toBeNull();
    expect(c.match(text('x end'), ctx())?.rule.name).toBe('tail');
  });

  it('when a stored pattern no longer compiles, then its keyword is skipped rather than breaking the account', () => {
    const c = compileRules([keywordRule('broken', [kw('(abc', 'regex'), kw('abc')])]);
    expect(c.match(text('abc'), ctx())?.keyword).toEqual({ text: 'abc', mode: 'exact' });
  });
});

describe('parseRegex on the escapes non-unicode JavaScript accepts', () => {
  // Run under a time bound: the parser once looped forever on \k without a closing '>'.
  const parse = (pattern: string) => vm.runInNewContext('parse(pattern)', { parse: parseRegex, pattern }, { timeout: 1000 }) as ReturnType<typeof parseRegex>;
  const atoms = (pattern: string) => parse(pattern)[0]!.map((n) => (n.type === 'atom' ? n.literal ?? n.source : n.type));

  it.each([
    ['\\k<a', ['\\k', '<', 'a']], ['\\xzz', ['x', 'z', 'z']], ['\\x41b', ['\\x41', 'b']], ['\\u12g', ['u', '1', '2', 'g']],
    ['\\c1', ['\\', 'c', '1']], ['\\cJ', ['\\cJ']], ['\\041', ['\\041']], ['\\08', ['\\0', '8']],
  ])('when the pattern is %s, then it reads as %j', (pattern, expected) => {
    new RegExp(pattern, 'i'); // the patterns compile
    expect(atoms(pattern)).toEqual(expected);
  });
});

describe('the regex pre-filter', () => {
  it.each([
    ['订单\\d+', '订单'], ['^Order-(\\d+)$', 'order-'], ['ab+c', 'ab'], ['a\\.b', 'a.b'], ['x|y', null], ['\\d+', null], ['café', 'caf'],
  ])('when the pattern is %s, then its required literal is %s', (pattern, literal) => {
    expect(requiredLiterals(parseRegex(pattern))[0] ?? null).toBe(literal);
  });

  it('when a message contains the literal in another case or width, then the regex still runs and matches', () => {
    const c = compileRules([keywordRule('order', [kw('ORDER-\\d+', 'regex')])]);
    expect(c.match(text('my ｏｒｄｅｒ-42 please'), ctx())?.rule.name).toBe('order');
  });
});
