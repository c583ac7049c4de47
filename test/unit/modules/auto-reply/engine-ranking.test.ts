import type { AutoReplyRule } from '../../../../src/modules/auto-reply/auto-reply';
import { compileRules } from '../../../../src/modules/auto-reply/engine';
import { ctx, keywordRule, kw, text } from './fixtures';

const winner = (rules: AutoReplyRule[], message: string) => compileRules(rules).match(text(message), ctx())?.rule.name;
/** Both orders of the input: the answer must not depend on how the store returned the rules. */
const bothOrders = (rules: AutoReplyRule[], message: string) => [winner(rules, message), winner([...rules].reverse(), message)];

describe('tie-breaking', () => {
  it('when two rules match, then the higher priority wins even over a more specific match', () => {
    const rules = [keywordRule('exact', [kw('price')]), keywordRule('regex-high', [kw('pri', 'regex')], { priority: 5 })];
    expect(bothOrders(rules, 'price')).toEqual(['regex-high', 'regex-high']);
  });

  it('when priorities tie, then exact beats prefix beats contains beats regex', () => {
    const all = [
      keywordRule('regex', [kw('price', 'regex')]),
      keywordRule('contains', [kw('price', 'contains')]),
      keywordRule('prefix', [kw('price', 'prefix')]),
      keywordRule('exact', [kw('price')]),
    ];
    expect(bothOrders(all, 'price')).toEqual(['exact', 'exact']);
    expect(bothOrders(all.slice(0, 3), 'price')).toEqual(['prefix', 'prefix']);
    expect(bothOrders(all.slice(0, 2), 'price')).toEqual(['contains', 'contains']);
  });

  it('when two contains keywords tie, then the longer keyword wins', () => {
    const rules = [keywordRule('short', [kw('会员', 'contains')]), keywordRule('long', [kw('会员卡', 'contains')])];
    expect(bothOrders(rules, '我的会员卡')).toEqual(['long', 'long']);
  });

  it('when two prefix keywords tie, then the longer keyword wins', () => {
    const rules = [keywordRule('short', [kw('查', 'prefix')]), keywordRule('long', [kw('查询', 'prefix')])];
    expect(bothOrders(rules, '查询余额')).toEqual(['long', 'long']);
  });

  it('when everything else ties, then the older rule wins (createdAt)', () => {
    const older = keywordRule('older', [kw('hi')], { createdAt: '2025-01-01T00:00:00.000Z', id: 'zzz' });
    const newer = keywordRule('newer', [kw('hi')], { createdAt: '2025-06-01T00:00:00.000Z', id: 'aaa' });
    expect(bothOrders([older, newer], 'hi')).toEqual(['older', 'older']);
  });

  it('when createdAt ties too, then the smaller id wins', () => {
    const at = '2025-01-01T00:00:00.000Z';
    const rules = [keywordRule('b', [kw('hi')], { createdAt: at, id: 'b' }), keywordRule('a', [kw('hi')], { createdAt: at, id: 'a' })];
    expect(bothOrders(rules, 'hi')).toEqual(['a', 'a']);
  });

  it('when a regex rule has higher priority than a matching literal rule, then it wins; with equal priority it loses', () => {
    const lit = keywordRule('lit', [kw('hi', 'contains')], { priority: 1 });
    expect(winner([lit, keywordRule('re', [kw('h.', 'regex')], { priority: 2 })], 'hi')).toBe('re');
    expect(winner([lit, keywordRule('re', [kw('h.', 'regex')], { priority: 1 })], 'hi')).toBe('lit');
  });

  it('when two regex rules match, then the higher priority one wins, then the older', () => {
    const a = keywordRule('a', [kw('\\d+', 'regex')], { createdAt: '2025-01-01T00:00:00.000Z' });
    const b = keywordRule('b', [kw('\\d', 'regex')], { createdAt: '2024-01-01T00:00:00.000Z' });
    expect(bothOrders([a, b], '42')).toEqual(['b', 'b']);
    expect(bothOrders([a, { ...b, priority: -1 }], '42')).toEqual(['a', 'a']);
  });
});
