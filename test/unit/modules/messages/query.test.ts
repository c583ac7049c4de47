import { parseMessageQuery } from '../../../../src/modules/messages';
import { ValidationError } from '../../../../src/shared/errors';

describe('parseMessageQuery', () => {
  it('when nothing is given, then the default limit applies', () => {
    expect(parseMessageQuery('wx1', {})).toMatchObject({ appId: 'wx1', limit: 50 });
  });

  it('when times are ISO or unix seconds, then both become ISO', () => {
    const q = parseMessageQuery('wx1', { since: '1700000000', until: '2023-11-15T00:00:00+08:00' });
    expect(q.since).toBe('2023-11-14T22:13:20.000Z');
    expect(q.until).toBe('2023-11-14T16:00:00.000Z');
  });

  it('when several parameters are bad, then one error lists them all', () => {
    try {
      parseMessageQuery('wx1', { limit: '500', since: 'soon', openid: ['a', 'b'] });
      throw new Error('expected a ValidationError');
    } catch (err) {
      expect(err).toBeInstanceOf(ValidationError);
      expect(((err as ValidationError).details as { field: string }[]).map((d) => d.field).sort()).toEqual(['limit', 'openid', 'since']);
    }
  });
});
