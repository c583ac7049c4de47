import { ValidationError } from '../../../src/shared/errors';
import { QueryParams } from '../../../src/shared/query-params';

const problemsOf = (fn: () => void): unknown => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return (err as ValidationError).details;
  }
  throw new Error('expected a ValidationError');
};

describe('QueryParams', () => {
  it('when times are given as unix seconds, an ISO instant or a date, then each reads as an ISO instant (a date at UTC midnight)', () => {
    const q = new QueryParams({ a: '1700000000', b: '2026-03-01T08:00:00+08:00', c: '2026-03-01', d: '' });
    expect([q.time('a'), q.time('b'), q.time('c'), q.time('d'), q.time('missing')]).toEqual([
      '2023-11-14T22:13:20.000Z', '2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z', undefined, undefined,
    ]);
    q.done('query');
  });

  it('when several parameters are bad, then one ValidationError names every one', () => {
    const q = new QueryParams({ since: 'soon', state: 'sending-ish', limit: '0', until: ['1', '2'] });
    q.time('since');
    q.oneOf('state', ['draft', 'sent']);
    q.whole('limit', 1, 500);
    q.time('until');
    expect(problemsOf(() => q.done('campaign query'))).toEqual([
      { field: 'since', message: 'an ISO 8601 time or unix seconds' },
      { field: 'state', message: 'one of: draft, sent' },
      { field: 'limit', message: 'a whole number from 1 to 500' },
      { field: 'until', message: 'give it once' },
    ]);
  });

  it('when a word is one of the allowed, then it is returned as is', () => {
    const q = new QueryParams({ state: 'sent' });
    expect(q.oneOf('state', ['draft', 'sent'] as const)).toBe('sent');
    q.done('query');
  });
});
