import { cadenceOf } from '../../../../src/modules/broadcast';

describe('cadence', () => {
  const now = new Date('2026-11-27T12:00:00Z');
  const usual = { warnAfterDays: 3, alertAfterDays: 7 };
  it.each([
    ['2026-11-26T12:00:00.000Z', 1, 'ok'], ['2026-11-24T11:00:00.000Z', 3, 'warning'], ['2026-11-20T12:00:00.000Z', 7, 'alert'],
  ])('when the last push was at %s, then it is %i days ago and %s', (lastSentAt, days, level) => {
    expect(cadenceOf(lastSentAt, now, usual)).toEqual({ lastSentAt, daysSince: days, level, ...usual });
  });

  it("when the account's contract sets other marks, then the levels follow them", () => {
    const tight = { warnAfterDays: 1, alertAfterDays: 2 };
    expect(cadenceOf('2026-11-26T12:00:00.000Z', now, tight).level).toBe('warning');
    expect(cadenceOf('2026-11-25T12:00:00.000Z', now, tight).level).toBe('alert');
    expect(cadenceOf('2026-11-21T12:00:00.000Z', now, { warnAfterDays: 7, alertAfterDays: 14 }).level).toBe('ok');
  });

  it('when the account never pushed through wxoa, then it is a warning, not an alert', () => {
    expect(cadenceOf(null, now, usual)).toEqual({ lastSentAt: null, daysSince: null, level: 'warning', ...usual });
  });
});
