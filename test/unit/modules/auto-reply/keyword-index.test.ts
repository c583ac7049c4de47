import { compileRules } from '../../../../src/modules/auto-reply/engine';
import { ageOrder } from '../../../../src/modules/auto-reply/engine-rank';
import { KeywordIndex } from '../../../../src/modules/auto-reply/keyword-index';
import { parseRegex } from '../../../../src/modules/auto-reply/regex-guard-parse';
import { ctx, keywordRule, kw, text } from './fixtures';

// Stored patterns can predate validation (length, syntax): the index must still build and answer.
describe('KeywordIndex on stored patterns validation would now refuse', () => {
  it('when a regex has 130 000 alternatives, then the rules still compile and it answers', () => {
    const c = compileRules([keywordRule('many', [kw(Array.from({ length: 130_000 }, (_, i) => `w${i}`).join('|'), 'regex')])]);
    expect(c.match(text('w129999'), ctx())?.rule.name).toBe('many');
  });

  it('when a whole-message regex can be longer than 2^31 units and the runner sees all of the message, then it still runs', () => {
    const c = compileRules([keywordRule('long', [kw('^.{0,3000000000}$', 'regex')])], { maxInput: Infinity });
    expect(c.match(text('x123'), ctx())?.rule.name).toBe('long');
  });

  it('when a pattern RE2 could run holds an emoji, then it keeps JavaScript\'s meaning (😀* repeats only the second half)', () => {
    const c = compileRules([keywordRule('emoji', [kw('😀*\\d+', 'regex')])]);
    expect(c.match(text('123'), ctx())).toBeNull();
    expect(c.match(text('\ud83d123'), ctx())?.rule.name).toBe('emoji');
  });
});

describe('KeywordIndex.scan state', () => {
  it('when a window check throws in the middle of a scan, then the next scan still finds the regex', () => {
    const index = new KeywordIndex(ageOrder([
      keywordRule('timed', [kw('订单', 'contains')], { activeWindows: [{ start: '09:00', end: '18:00' }] }),
      keywordRule('order', [kw('订单\\d+', 'regex')], { priority: 5 }), // ranks first: its literal is met first
    ]));
    expect(() => index.scan('订单12', () => { throw new Error('bad zone'); })).toThrow('bad zone');
    expect(index.scan('订单12', () => true).regexes.map((e) => e.info.rule.name)).toEqual(['order']);
  });
});

describe('parseRegex on modifier groups (accepted by newer Node versions)', () => {
  it('when the pattern has (?-i:…), then it is read as a group, not as literal characters', () => {
    expect(parseRegex('(?-i:ab)c')[0]!.map((n) => n.type)).toEqual(['group', 'atom']);
    expect(parseRegex('(?i:x)')[0]![0]).toMatchObject({ type: 'group', lookaround: false });
  });
});

describe('compileRules: one message asked about twice', () => {
  it('when the same message is matched again at the same moment, then the index is not walked again, and a random rule still picks with the caller\'s random', () => {
    const scan = jest.spyOn(KeywordIndex.prototype, 'scan');
    const c = compileRules([keywordRule('pick', [kw('hi')], { replyMode: 'random', replies: [{ type: 'text', content: 'a' }, { type: 'text', content: 'b' }] })]);
    const message = text('hi');
    const now = ctx().now;
    const first = c.match(message, { ...ctx(), now, random: () => 0 });
    const second = c.match(message, { ...ctx(), now, random: () => 0.99 });
    expect(scan).toHaveBeenCalledTimes(1);
    expect([first?.replies, second?.replies]).toEqual([[{ type: 'text', content: 'a' }], [{ type: 'text', content: 'b' }]]);
    c.match(message, { ...ctx(), now: new Date(now.getTime() + 1) });
    c.match(text('hi'), { ...ctx(), now });
    expect(scan).toHaveBeenCalledTimes(3);
    scan.mockRestore();
  });
});
