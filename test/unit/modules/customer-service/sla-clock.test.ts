import fc from 'fast-check';
import type { BusinessHours } from '../../../../src/modules/customer-service/customer-service';
import { addBusinessTime, businessTimeBetween, slaDue } from '../../../../src/modules/customer-service/sla-clock';
import { ValidationError } from '../../../../src/shared/errors';

const SHANGHAI = 'Asia/Shanghai';
const BERLIN = 'Europe/Berlin';
const OFFICE: BusinessHours = { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' };
const iso = (d: Date): string => d.toISOString();

describe('slaDue around the clock', () => {
  it('when the account has no calendar, then the breach is slaMinutes after the message and the warning at the fraction of it', () => {
    const due = slaDue(new Date('2026-03-06T09:55:00.000Z'), { slaMinutes: 24 * 60, warnFraction: 0.8, businessHours: null }, SHANGHAI);
    expect({ warnAt: iso(due.warnAt), dueAt: iso(due.dueAt) }).toEqual({ warnAt: '2026-03-07T05:07:00.000Z', dueAt: '2026-03-07T09:55:00.000Z' });
  });

  it('when the fraction does not give whole minutes, then the warning is rounded to the millisecond', () => {
    const due = slaDue(new Date('2026-03-06T00:00:00.000Z'), { slaMinutes: 7, warnFraction: 1 / 3, businessHours: null }, SHANGHAI);
    expect(iso(due.warnAt)).toBe('2026-03-06T00:02:20.000Z');
  });
});

describe('slaDue with office hours', () => {
  const settings = { slaMinutes: 24 * 60, warnFraction: 0.8, businessHours: OFFICE };

  it('when a message comes at 17:55 on a Friday, then 5 minutes count on Friday, 9 h on Monday and Tuesday, and it is due on Wednesday at 14:55', () => {
    // 2026-03-06 is a Friday; 17:55 in Shanghai (UTC+8) is 09:55Z.
    const due = slaDue(new Date('2026-03-06T09:55:00.000Z'), settings, SHANGHAI);
    expect(iso(due.dueAt)).toBe('2026-03-11T06:55:00.000Z');
    // 80 % of 1440 = 1152 business minutes: 5 + 540 + 540 = 1085, then 67 minutes on Wednesday → 10:07.
    expect(iso(due.warnAt)).toBe('2026-03-11T02:07:00.000Z');
  });

  it('when a message comes on a Saturday, then its clock starts on Monday at 09:00', () => {
    const due = slaDue(new Date('2026-03-07T04:00:00.000Z'), { ...settings, slaMinutes: 60 }, SHANGHAI);
    expect(iso(due.dueAt)).toBe('2026-03-09T02:00:00.000Z');
  });

  it('when a message comes before the office opens, then the clock starts at the opening', () => {
    const due = slaDue(new Date('2026-03-09T00:30:00.000Z'), { ...settings, slaMinutes: 30 }, SHANGHAI);
    expect(iso(due.dueAt)).toBe('2026-03-09T01:30:00.000Z');
  });

  it('when the SLA ends exactly at closing time, then it is due at closing time, not the next morning', () => {
    const due = slaDue(new Date('2026-03-09T09:00:00.000Z'), { ...settings, slaMinutes: 60 }, SHANGHAI);
    expect(iso(due.dueAt)).toBe('2026-03-09T10:00:00.000Z');
  });

  it('when Berlin springs forward during office hours, then the window holds one hour less and the clock runs on the real hours', () => {
    // 2026-03-29 (a Sunday) 02:00 CET → 03:00 CEST; office 01:00–05:00 on Sundays holds 3 real hours that night.
    const night: BusinessHours = { days: [0], start: '01:00', end: '05:00' };
    const due = slaDue(new Date('2026-03-29T00:00:00.000Z'), { slaMinutes: 180, warnFraction: 0.5, businessHours: night }, BERLIN);
    expect(iso(due.dueAt)).toBe('2026-03-29T03:00:00.000Z');
    expect(iso(due.warnAt)).toBe('2026-03-29T01:30:00.000Z');
  });

  it('when Berlin falls back during office hours, then the window holds one hour more', () => {
    // 2026-10-25 (a Sunday) 03:00 CEST → 02:00 CET: 01:00–05:00 local is 23:00Z–04:00Z, five real hours.
    const night: BusinessHours = { days: [0], start: '01:00', end: '05:00' };
    const due = slaDue(new Date('2026-10-24T23:00:00.000Z'), { slaMinutes: 300, warnFraction: 0.5, businessHours: night }, BERLIN);
    expect(iso(due.dueAt)).toBe('2026-10-25T04:00:00.000Z');
  });

  it('when the calendar has no day, then it is refused rather than looping for ever', () => {
    expect(() => slaDue(new Date(), { ...settings, businessHours: { days: [], start: '09:00', end: '18:00' } }, SHANGHAI)).toThrow(ValidationError);
  });
});

describe('businessTimeBetween', () => {
  it('when the span covers a weekend and two office days, then it counts only the office time', () => {
    const ms = businessTimeBetween(new Date('2026-03-06T09:55:00.000Z'), new Date('2026-03-10T02:00:00.000Z'), OFFICE, SHANGHAI);
    expect(ms / 60_000).toBe(5 + 540 + 60);
  });

  it('when the end is not after the start, then it is zero', () => {
    expect(businessTimeBetween(new Date('2026-03-10T00:00:00.000Z'), new Date('2026-03-09T00:00:00.000Z'), null, SHANGHAI)).toBe(0);
  });
});

describe('slaDue properties', () => {
  const instant = fc.date({ min: new Date('2024-01-01T00:00:00.000Z'), max: new Date('2028-12-31T00:00:00.000Z'), noInvalidDate: true })
    .map((d) => new Date(Math.floor(d.getTime() / 60_000) * 60_000));
  const hhmm = fc.integer({ min: 0, max: 23 * 60 + 59 }).map((m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
  const calendar = fc.record({
    days: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 }),
    bounds: fc.uniqueArray(hhmm, { minLength: 2, maxLength: 2 }),
  }).map(({ days, bounds }): BusinessHours => {
    const [start, end] = [...bounds].sort();
    return { days, start: start!, end: end! };
  });
  const zone = fc.constantFrom(SHANGHAI, BERLIN, 'America/New_York', 'UTC');
  const sla = fc.integer({ min: 1, max: 10_080 });
  const fraction = fc.double({ min: 0.1, max: 0.99, noNaN: true });

  it('when there is no calendar, then dueAt − from is exactly slaMinutes and the warning lies between them', () => {
    fc.assert(fc.property(instant, sla, fraction, zone, (from, slaMinutes, warnFraction, tz) => {
      const { warnAt, dueAt } = slaDue(from, { slaMinutes, warnFraction, businessHours: null }, tz);
      expect(dueAt.getTime() - from.getTime()).toBe(slaMinutes * 60_000);
      expect(warnAt >= from && warnAt <= dueAt).toBe(true);
    }));
  });

  it('when there is a calendar, then dueAt ≥ from and the business time up to dueAt and warnAt is the SLA and its fraction', () => {
    fc.assert(fc.property(instant, fc.integer({ min: 1, max: 3 * 1440 }), fraction, calendar, zone, (from, slaMinutes, warnFraction, hours, tz) => {
      const { warnAt, dueAt } = slaDue(from, { slaMinutes, warnFraction, businessHours: hours }, tz);
      expect(dueAt >= from).toBe(true);
      expect(warnAt <= dueAt).toBe(true);
      expect(businessTimeBetween(from, dueAt, hours, tz)).toBe(slaMinutes * 60_000);
      expect(businessTimeBetween(from, warnAt, hours, tz)).toBe(Math.round(slaMinutes * 60_000 * warnFraction));
    }), { numRuns: 300 });
  });

  it('when the instant is around a Berlin clock change, then the business time to dueAt is still the SLA', () => {
    const nearChange = fc.constantFrom('2026-03-29T00:00:00.000Z', '2026-10-25T00:00:00.000Z', '2027-03-28T00:00:00.000Z', '2027-10-31T00:00:00.000Z')
      .chain((day) => fc.integer({ min: -48 * 60, max: 48 * 60 }).map((m) => new Date(new Date(day).getTime() + m * 60_000)));
    fc.assert(fc.property(nearChange, fc.integer({ min: 1, max: 2 * 1440 }), calendar, (from, slaMinutes, hours) => {
      const { dueAt } = slaDue(from, { slaMinutes, warnFraction: 0.8, businessHours: hours }, BERLIN);
      expect(dueAt >= from).toBe(true);
      expect(businessTimeBetween(from, dueAt, hours, BERLIN)).toBe(slaMinutes * 60_000);
    }), { numRuns: 300 });
  });

  it('when the zone has a fixed offset, then dueAt is what a plain walk over the days in UTC+8 finds', () => {
    // An oracle that shares no code with the clock: Shanghai is UTC+8 all year, so a day's office hours are plain arithmetic.
    const oracle = (from: Date, ms: number, hours: BusinessHours): number => {
      const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
      let left = ms;
      const localMidnight = Math.floor((from.getTime() + 8 * 3_600_000) / 86_400_000) * 86_400_000 - 8 * 3_600_000;
      for (let day = localMidnight; ; day += 86_400_000) {
        if (!hours.days.includes(new Date(day + 8 * 3_600_000).getUTCDay())) continue;
        const open = Math.max(day + minutes(hours.start) * 60_000, from.getTime());
        const close = day + minutes(hours.end) * 60_000;
        if (open >= close) continue;
        if (left <= close - open) return open + left;
        left -= close - open;
      }
    };
    fc.assert(fc.property(instant, sla, calendar, (from, slaMinutes, hours) => {
      expect(slaDue(from, { slaMinutes, warnFraction: 0.5, businessHours: hours }, SHANGHAI).dueAt.getTime()).toBe(oracle(from, slaMinutes * 60_000, hours));
    }), { numRuns: 100 });
  });

  it('when dueAt is found, then no earlier instant already holds the whole SLA (it is the earliest)', () => {
    fc.assert(fc.property(instant, fc.integer({ min: 1, max: 1440 }), calendar, zone, (from, slaMinutes, hours, tz) => {
      const dueAt = addBusinessTime(from, slaMinutes * 60_000, hours, tz);
      expect(businessTimeBetween(from, new Date(dueAt.getTime() - 1), hours, tz)).toBeLessThan(slaMinutes * 60_000);
    }), { numRuns: 200 });
  });
});
