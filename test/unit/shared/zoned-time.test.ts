import { addDays, zonedInstant, zonedParts } from '../../../src/shared/zoned-time';

describe('zoned time', () => {
  it('when an instant is read in Asia/Shanghai, then the wall clock is 8 hours ahead of UTC', () => {
    expect(zonedParts(new Date('2023-11-14T22:13:20Z'), 'Asia/Shanghai')).toMatchObject({ date: '2023-11-15', time: '06:13', hour: 6 });
  });

  it('when a slot is turned into an instant, then it is that wall time in the zone', () => {
    expect(zonedInstant('2023-11-15', '11:00', 'Asia/Shanghai').toISOString()).toBe('2023-11-15T03:00:00.000Z');
    expect(zonedInstant('2026-07-01', '20:00', 'Europe/Berlin').toISOString()).toBe('2026-07-01T18:00:00.000Z'); // summer time, UTC+2
    expect(zonedInstant('2026-01-01', '20:00', 'Europe/Berlin').toISOString()).toBe('2026-01-01T19:00:00.000Z');
  });

  it('when the wall time falls in a DST gap or overlap, then the instant is the one just after the gap, or the first of the two', () => {
    // New York skips 02:00–03:00 on 2026-03-08 and repeats 01:00–02:00 on 2026-11-01.
    expect(zonedInstant('2026-03-08', '02:30', 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(zonedParts(zonedInstant('2026-11-01', '01:30', 'America/New_York'), 'America/New_York').time).toBe('01:30');
  });

  it('when days are added across a month or year end, then the calendar date rolls over', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});
