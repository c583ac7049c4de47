import { validateRuleInput, type FieldProblem } from '../../../../src/modules/auto-reply/rule-validation';
import { ValidationError } from '../../../../src/shared/errors';

const now = new Date('2026-01-07T04:00:00Z');
const valid = () => ({
  name: 'coupon',
  trigger: { kind: 'keyword', keywords: [{ text: '优惠', mode: 'contains' }] },
  replies: [{ type: 'text', content: 'Hi {nickname}' }],
});

function problemsOf(input: unknown): FieldProblem[] {
  try {
    validateRuleInput(input, { now });
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return (err as ValidationError).details as FieldProblem[];
  }
  throw new Error('expected a ValidationError');
}

describe('validateRuleInput', () => {
  it('when only the required fields are given, then the defaults fill the rest', () => {
    expect(validateRuleInput(valid(), { now })).toEqual({
      ...valid(), replyMode: 'all', priority: 0, enabled: true, activeWindows: [], cooldownMinutes: 0,
    });
  });

  it('when many things are wrong, then every problem is reported at once with its path', () => {
    const problems = problemsOf({
      name: '',
      trigger: { kind: 'keyword', keywords: [{ text: 'ok', mode: 'exact' }, { text: 'x'.repeat(61), mode: 'contains' }, { text: '(a+)+$', mode: 'regex' }, { text: 'y', mode: 'fuzzy' }] },
      replies: [{ type: 'text', content: 'z'.repeat(2049) }, { type: 'image', mediaId: '' }, { type: 'news', articles: [] }],
      replyMode: 'some',
      priority: 1001,
      enabled: 'yes',
      activeWindows: [{ start: '25:00', end: '08:00', days: [7] }],
      cooldownMinutes: 1.5,
      colour: 'red',
    });
    expect(problems.map((p) => p.field).sort()).toEqual([
      'activeWindows[0].days[0]', 'activeWindows[0].start', 'colour', 'cooldownMinutes', 'enabled', 'name', 'priority',
      'replies[0].content', 'replies[1].mediaId', 'replies[2].articles', 'replyMode',
      'trigger.keywords[1].text', 'trigger.keywords[2].text', 'trigger.keywords[3].mode',
    ]);
    expect(problems.find((p) => p.field === 'trigger.keywords[2].text')?.message).toMatch(/catastrophic backtracking/);
  });

  it('when counts exceed the limits, then keywords, replies and articles are each reported', () => {
    const problems = problemsOf({
      name: 'n'.repeat(65),
      trigger: { kind: 'keyword', keywords: Array.from({ length: 51 }, (_, i) => ({ text: `k${i}`, mode: 'exact' })) },
      replies: [...Array.from({ length: 10 }, () => ({ type: 'text', content: 'a' })), { type: 'news', articles: Array.from({ length: 9 }, () => ({ title: 't' })) }],
    });
    expect(problems.map((p) => p.field).sort()).toEqual(['name', 'replies', 'replies[10].articles', 'trigger.keywords']);
  });

  it('when a keyword is only whitespace (even ideographic), then it is reported as empty', () => {
    expect(problemsOf({ ...valid(), trigger: { kind: 'keyword', keywords: [{ text: '\u3000', mode: 'exact' }] } }))
      .toEqual([{ field: 'trigger.keywords[0].text', message: 'must not be empty' }]);
  });

  it('when an event rule would transfer to customer service, then it is refused (WeChat forwards messages only)', () => {
    const problems = problemsOf({ name: 'menu', trigger: { kind: 'click', key: 'K' }, replies: [{ type: 'transfer_customer_service' }] });
    expect(problems.map((p) => p.field)).toEqual(['replies[0]']);
  });

  it('when event triggers lack their key or scene, then each is required', () => {
    expect(problemsOf({ name: 'a', trigger: { kind: 'click' }, replies: [{ type: 'image', mediaId: 'm' }] })).toEqual([{ field: 'trigger.key', message: 'is required' }]);
    expect(problemsOf({ name: 'a', trigger: { kind: 'scan' }, replies: [{ type: 'image', mediaId: 'm' }] })).toEqual([{ field: 'trigger.scene', message: 'is required' }]);
    expect(problemsOf({ name: 'a', trigger: { kind: 'party' }, replies: [{ type: 'image', mediaId: 'm' }] }).map((p) => p.field)).toEqual(['trigger.kind']);
  });

  it('when every reply type and a wrapping window are valid, then the rule is accepted as given', () => {
    const input = {
      name: 'all kinds', trigger: { kind: 'subscribe', scene: 'spring' }, replyMode: 'random', priority: -1000, enabled: false, cooldownMinutes: 1440,
      activeWindows: [{ start: '22:00', end: '08:00', days: [0, 6] }],
      replies: [
        { type: 'voice', mediaId: 'v' }, { type: 'video', mediaId: 'v', title: 't' }, { type: 'music', thumbMediaId: 'th', musicUrl: 'http://m' },
        { type: 'news', articles: Array.from({ length: 8 }, () => ({ title: 't', url: 'https://x' })) },
      ],
    };
    expect(validateRuleInput(input, { now })).toEqual(input);
  });

  it('when the input is not an object, then that is the one problem', () => {
    expect(problemsOf([1])).toEqual([{ field: '(input)', message: 'must be a JSON object' }]);
  });

  it('when an exported rule comes back with id and timestamps, then those are ignored rather than refused', () => {
    expect(() => validateRuleInput({ ...valid(), id: 'r1', appId: 'wx', createdAt: 'x', updatedAt: 'y' }, { now })).not.toThrow();
  });
});
