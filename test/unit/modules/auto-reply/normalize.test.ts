import { normalizeText } from '../../../../src/modules/auto-reply/normalize';

describe('normalizeText', () => {
  it('when letters, digits and punctuation are full-width, then they become half-width', () => {
    expect(normalizeText('ＡＢＣ１２３！')).toBe('abc123!');
  });

  it('when the case differs, then it is folded to lower case', () => {
    expect(normalizeText('HeLLo WORLD')).toBe('hello world');
  });

  it('when whitespace is leading, trailing or repeated (ideographic space, tabs, newlines), then it is trimmed and collapsed', () => {
    expect(normalizeText('\u3000 你好 \t\n  世界  ')).toBe('你好 世界');
  });

  it('when the text is Chinese, then it is unchanged', () => {
    expect(normalizeText('优惠券')).toBe('优惠券');
  });

  it('when the text is only whitespace, then it becomes empty', () => {
    expect(normalizeText(' \u3000\t')).toBe('');
  });
});
