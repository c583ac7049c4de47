import { compileRules } from '../../../../src/modules/auto-reply/engine';
import { ctx, image, keywordRule, kw, text, voice } from './fixtures';

const answer = (rules: Parameters<typeof compileRules>[0], message: Parameters<ReturnType<typeof compileRules>['match']>[0]) =>
  compileRules(rules).match(message, ctx())?.rule.name ?? null;

describe('keyword matching modes', () => {
  it('when the mode is exact, then only the whole message matches', () => {
    const rules = [keywordRule('hi', [kw('hello')])];
    expect(answer(rules, text('hello'))).toBe('hi');
    expect(answer(rules, text('hello there'))).toBeNull();
  });

  it('when the mode is contains, then a message containing the keyword matches', () => {
    const rules = [keywordRule('coupon', [kw('优惠', 'contains')])];
    expect(answer(rules, text('有什么优惠吗'))).toBe('coupon');
  });

  it('when the message is only part of a contains keyword, then it does NOT match (never the reverse)', () => {
    const rules = [keywordRule('coupon', [kw('优惠券领取', 'contains')])];
    expect(answer(rules, text('优惠'))).toBeNull();
    expect(answer(rules, text('我要优惠券领取'))).toBe('coupon');
  });

  it('when the mode is prefix, then only messages starting with the keyword match', () => {
    const rules = [keywordRule('order', [kw('查询', 'prefix')])];
    expect(answer(rules, text('查询订单 123'))).toBe('order');
    expect(answer(rules, text('我要查询'))).toBeNull();
  });

  it('when the mode is regex, then the pattern is run against the message', () => {
    const rules = [keywordRule('phone', [kw('^1[3-9]\\d{9}$', 'regex')])];
    expect(answer(rules, text('13812345678'))).toBe('phone');
    expect(answer(rules, text('12812345678'))).toBeNull();
  });

  it('when a regex is written in capitals, then it still matches the normalized (lower-case) message', () => {
    expect(answer([keywordRule('vip', [kw('VIP\\d+', 'regex')])], text('ＶＩＰ８'))).toBe('vip');
  });

  it.each(['exact', 'contains', 'prefix'] as const)('when a %s keyword holds regex characters, then they are literal', (mode) => {
    const rules = [keywordRule('literal', [kw('a.b*(c)?', mode)])];
    expect(answer(rules, text('a.b*(c)?'))).toBe('literal');
    expect(answer(rules, text('axbbc'))).toBeNull();
  });

  it('when keyword and message differ in width, case and spacing, then they still match', () => {
    const rules = [keywordRule('wifi', [kw('WiFi  密码')])];
    expect(answer(rules, text('  ｗｉｆｉ 密码 '))).toBe('wifi');
  });

  it('when a rule has several keywords, then any of them matches and the match names it', () => {
    const compiled = compileRules([keywordRule('greet', [kw('hi'), kw('hello', 'prefix')])]);
    expect(compiled.match(text('hello you'), ctx())?.keyword).toEqual({ text: 'hello', mode: 'prefix' });
  });

  it('when many contains keywords overlap in the message, then every one is found', () => {
    const rules = [keywordRule('a', [kw('she', 'contains')]), keywordRule('b', [kw('hers', 'contains')], { priority: 1 })];
    expect(answer(rules, text('ushers'))).toBe('b');
  });
});

describe('what a keyword rule is matched against', () => {
  const rules = [keywordRule('weather', [kw('天气', 'contains')])];

  it('when a voice message has a recognition, then it matches on the recognition', () => {
    expect(answer(rules, voice('今天天气怎么样'))).toBe('weather');
  });

  it('when a voice message has no recognition, then no keyword rule matches', () => {
    expect(answer(rules, voice(null))).toBeNull();
  });

  it('when the message is an image, then no keyword rule matches', () => {
    expect(answer(rules, image())).toBeNull();
  });

  it('when a rule is disabled, then it never matches', () => {
    expect(answer([keywordRule('off', [kw('hi')], { enabled: false })], text('hi'))).toBeNull();
  });

  it('when rules are compiled, then size counts the enabled ones', () => {
    expect(compileRules([keywordRule('on', [kw('a')]), keywordRule('off', [kw('b')], { enabled: false })]).size).toBe(1);
  });
});
