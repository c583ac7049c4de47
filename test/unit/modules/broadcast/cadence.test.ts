import { cadenceOf } from '../../../../src/modules/broadcast';

describe('cadence', () => {
  const now = new Date('2026-11-27T12:00:00Z');
  it.each([
    ['2026-11-26T12:00:00.000Z', 1, 'ok'], ['2026-11-24T11:00:00.000Z', 3, 'warning'], ['2026-11-20T12:00:00.000Z', 7, 'alert'],
  ])('when the last push was at %s, then it is %i days ago and %s', (lastSentAt, days, level) => {
    expect(cadenceOf(lastSentAt, now)).toEqual({ lastSentAt, daysSince: days, level });
  });

  it('when the account never pushed through wxoa, then it is a warning, not an alert', () => {
    expect(cadenceOf(null, now)).toEqual({ lastSentAt: null, daysSince: null, level: 'warning' });
  });
});
