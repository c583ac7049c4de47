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

describe('regex keywords: shared patterns and the character-kind pre-filter', () => {
  // ctx() is Wednesday 12:00 in Asia/Shanghai: the evening window is closed, the office window open.
  const closed = { activeWindows: [{ start: '20:00', end: '22:00' }] };
  const open = { activeWindows: [{ start: '09:00', end: '18:00' }] };
  /** Both input orders: the answer must not depend on how the store returned the rules. */
  const bothOrders = (rules: Parameters<typeof compileRules>[0], message: string) =>
    [answer(rules, text(message)), answer([...rules].reverse(), text(message))];

  // With a required literal (found by the automaton) and without one (run on every message it may meet).
  const SHARED = [['订单\\d+', '我的订单12345'], ['^\\d{6}$', '123456'], ['\\d+', '编号7']] as const;

  it.each(SHARED)('when two rules share the pattern %s and priorities differ, then the higher priority answers', (pattern, message) => {
    const rules = [keywordRule('low', [kw(pattern, 'regex')]), keywordRule('high', [kw(pattern, 'regex')], { priority: 2 })];
    expect(bothOrders(rules, message)).toEqual(['high', 'high']);
  });

  it.each(SHARED)('when two rules share the pattern %s with equal priority, then the older answers', (pattern, message) => {
    const newer = keywordRule('newer', [kw(pattern, 'regex')], { createdAt: '2025-06-01T00:00:00.000Z' });
    const older = keywordRule('older', [kw(pattern, 'regex')], { createdAt: '2025-01-01T00:00:00.000Z' });
    expect(bothOrders([newer, older], message)).toEqual(['older', 'older']);
  });

  it.each(SHARED)('when the better-ranked of two rules sharing %s is outside its active window, then the other answers', (pattern, message) => {
    const rules = [keywordRule('off-hours', [kw(pattern, 'regex')], { priority: 2, ...closed }), keywordRule('always', [kw(pattern, 'regex')])];
    expect(bothOrders(rules, message)).toEqual(['always', 'always']);
  });

  it.each(SHARED)('when the better-ranked of two rules sharing %s is inside its active window, then it answers', (pattern, message) => {
    const rules = [keywordRule('office', [kw(pattern, 'regex')], { priority: 2, ...open }), keywordRule('always', [kw(pattern, 'regex')])];
    expect(bothOrders(rules, message)).toEqual(['office', 'office']);
  });

  it('when the older of two equal rules sharing a pattern is outside its window, then the newer answers', () => {
    const older = keywordRule('older', [kw('订单\\d+', 'regex')], { createdAt: '2025-01-01T00:00:00.000Z', ...closed });
    const newer = keywordRule('newer', [kw('订单\\d+', 'regex')], { createdAt: '2025-06-01T00:00:00.000Z' });
    expect(bothOrders([older, newer], '订单42')).toEqual(['newer', 'newer']);
  });

  it('when several rules share a pattern and all but the worst are outside their windows, then the worst answers', () => {
    const rules = [
      keywordRule('a', [kw('^\\d{6}$', 'regex')], { priority: 3, ...closed }),
      keywordRule('b', [kw('^\\d{6}$', 'regex')], { priority: 2, ...closed }),
      keywordRule('c', [kw('^\\d{6}$', 'regex')], { priority: 1 }),
    ];
    expect(bothOrders(rules, '123456')).toEqual(['c', 'c']);
  });

  it('when every rule sharing a pattern is outside its window, then none answers', () => {
    const rules = [keywordRule('a', [kw('订单\\d+', 'regex')], closed), keywordRule('b', [kw('订单\\d+', 'regex')], closed)];
    expect(bothOrders(rules, '订单42')).toEqual([null, null]);
  });

  it('when a rule with another pattern ranks between two rules sharing a pattern, then ranking still holds across them', () => {
    const top = keywordRule('top', [kw('\\d+', 'regex')], { priority: 3, ...closed });
    const middle = keywordRule('middle', [kw('^订单', 'regex')], { priority: 2 });
    const bottom = keywordRule('bottom', [kw('\\d+', 'regex')], { priority: 1 });
    expect(bothOrders([top, middle, bottom], '订单42')).toEqual(['middle', 'middle']);
    expect(bothOrders([top, middle, bottom], '编号42')).toEqual(['bottom', 'bottom']);
  });

  it('when the literal of the worse-ranked regex comes first in the message, then the better-ranked regex still answers', () => {
    const rules = [keywordRule('order', [kw('订单\\d+', 'regex')], { priority: 2 }), keywordRule('serial', [kw('编号\\d+', 'regex')], { priority: 1 })];
    expect(bothOrders(rules, '编号1 订单2')).toEqual(['order', 'order']);
    const anywhere = [keywordRule('any-digits', [kw('\\d+', 'regex')], { priority: 3 }), ...rules];
    expect(bothOrders(anywhere, '编号1 订单2')).toEqual(['any-digits', 'any-digits']);
  });

  it('when a rule lists a shared pattern among other keywords, then the match names the pattern of the winner', () => {
    const a = keywordRule('a', [kw('nothing', 'regex'), kw('订单\\d+', 'regex')], { priority: 1 });
    const b = keywordRule('b', [kw('订单\\d+', 'regex')]);
    const match = compileRules([b, a]).match(text('订单9'), ctx());
    expect(match?.rule.name).toBe('a');
    expect(match?.keyword).toEqual({ text: '订单\\d+', mode: 'regex' });
  });

  it('when a regex needs six digits, then a six-digit code answers and Chinese numerals do not', () => {
    const rules = [keywordRule('code', [kw('^\\d{6}$', 'regex')])];
    expect(answer(rules, text('123456'))).toBe('code');
    expect(answer(rules, text('１２３４５６'))).toBe('code');
    expect(answer(rules, text('一二三四五六'))).toBeNull();
    expect(answer(rules, text('12345'))).toBeNull();
  });

  it('when an order pattern needs digits, then a message with the order number answers, full-width digits too', () => {
    const rules = [keywordRule('order', [kw('订单\\d+', 'regex')])];
    expect(answer(rules, text('我的订单12345'))).toBe('order');
    expect(answer(rules, text('订单１２３'))).toBe('order'); // NFKC makes full-width digits ASCII
    expect(answer(rules, text('我的订单呢'))).toBeNull();
    expect(answer(rules, text('你好世界'))).toBeNull();
  });

  it('when a digit pattern is skipped for a Chinese message, then a lower-priority literal rule still answers', () => {
    const rules = [keywordRule('digits', [kw('\\d+', 'regex')], { priority: 5 }), keywordRule('hello', [kw('你好', 'contains')])];
    expect(bothOrders(rules, '你好世界')).toEqual(['hello', 'hello']);
    expect(bothOrders(rules, '你好 8')).toEqual(['digits', 'digits']);
  });
});
