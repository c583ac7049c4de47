import type { ReplyContent } from '../../../../src/modules/auto-reply/auto-reply';
import { compileRules } from '../../../../src/modules/auto-reply/engine';
import { ctx, keywordRule, kw, text } from './fixtures';

const replies: ReplyContent[] = ['a', 'b', 'c', 'd'].map((content) => ({ type: 'text', content }));
const contentOf = (r: ReplyContent | undefined) => (r?.type === 'text' ? r.content : null);

describe('reply modes', () => {
  it('when the mode is all, then every reply is returned in order', () => {
    const c = compileRules([keywordRule('all', [kw('hi')], { replies, replyMode: 'all' })]);
    expect(c.match(text('hi'), ctx())?.replies.map(contentOf)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('when the mode is random, then ctx.random picks exactly one reply', () => {
    const c = compileRules([keywordRule('one', [kw('hi')], { replies, replyMode: 'random' })]);
    const sequence = [0, 0.26, 0.5, 0.99, 1];
    const picked = sequence.map((r) => c.match(text('hi'), ctx({ random: () => r }))?.replies.map(contentOf));
    expect(picked).toEqual([['a'], ['b'], ['c'], ['d'], ['d']]);
  });

  it('when the mode is random over 10 000 draws with Math.random, then the replies are spread evenly (chi-square)', () => {
    const c = compileRules([keywordRule('one', [kw('hi')], { replies, replyMode: 'random' })]);
    const counts = new Map<string, number>();
    const draws = 10_000;
    for (let i = 0; i < draws; i++) {
      const got = contentOf(c.match(text('hi'), ctx())?.replies[0])!;
      counts.set(got, (counts.get(got) ?? 0) + 1);
    }
    const expected = draws / replies.length;
    const chi2 = [...'abcd'].reduce((sum, k) => sum + ((counts.get(k) ?? 0) - expected) ** 2 / expected, 0);
    // 3 degrees of freedom: P(χ² > 16.27) = 0.001, so a fair picker fails this once in a thousand runs.
    expect(chi2).toBeLessThan(16.27);
  });
});
