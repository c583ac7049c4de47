import { compileRules } from '../../../../src/modules/auto-reply/engine';
import { isActiveAt, zonedMinute } from '../../../../src/modules/auto-reply/time-windows';
import { ctx, keywordRule, kw, rule, text } from './fixtures';

const at = (iso: string) => new Date(iso);

describe('active windows', () => {
  it('when now is inside a window in the account zone, then the rule is active; outside, not', () => {
    const office = [{ start: '09:00', end: '18:00' }];
    // 02:00 UTC is 10:00 in Shanghai; 12:00 UTC is 20:00.
    expect(isActiveAt(office, at('2026-01-07T02:00:00Z'), 'Asia/Shanghai')).toBe(true);
    expect(isActiveAt(office, at('2026-01-07T12:00:00Z'), 'Asia/Shanghai')).toBe(false);
  });

  it('when the same instant is judged in UTC instead of Asia/Shanghai, then the answer differs', () => {
    const office = [{ start: '09:00', end: '18:00' }];
    expect(isActiveAt(office, at('2026-01-07T12:00:00Z'), 'UTC')).toBe(true);
    expect(isActiveAt(office, at('2026-01-07T12:00:00Z'), 'Asia/Shanghai')).toBe(false);
  });

  it('when start is inclusive and end exclusive, then the edges behave so', () => {
    const w = [{ start: '09:00', end: '18:00' }];
    expect(isActiveAt(w, at('2026-01-07T09:00:00Z'), 'UTC')).toBe(true);
    expect(isActiveAt(w, at('2026-01-07T18:00:00Z'), 'UTC')).toBe(false);
  });

  it('when the window wraps past midnight, then late evening and early morning are inside and midday is not', () => {
    const night = [{ start: '22:00', end: '08:00' }];
    expect(isActiveAt(night, at('2026-01-07T23:30:00Z'), 'UTC')).toBe(true);
    expect(isActiveAt(night, at('2026-01-07T03:00:00Z'), 'UTC')).toBe(true);
    expect(isActiveAt(night, at('2026-01-07T12:00:00Z'), 'UTC')).toBe(false);
  });

  it('when a wrapping window names a day, then its after-midnight part belongs to the next morning', () => {
    const fridayNight = [{ days: [5], start: '22:00', end: '02:00' }];
    expect(isActiveAt(fridayNight, at('2026-01-09T23:00:00Z'), 'UTC')).toBe(true); // Friday 23:00
    expect(isActiveAt(fridayNight, at('2026-01-10T01:00:00Z'), 'UTC')).toBe(true); // Saturday 01:00
    expect(isActiveAt(fridayNight, at('2026-01-09T01:00:00Z'), 'UTC')).toBe(false); // Friday 01:00
  });

  it('when days are given, then the weekday is read in the account zone', () => {
    // 2026-01-09T20:00Z is Friday in UTC but Saturday 04:00 in Shanghai.
    expect(zonedMinute(at('2026-01-09T20:00:00Z'), 'Asia/Shanghai')).toEqual({ weekday: 6, minute: 240 });
    expect(isActiveAt([{ days: [6], start: '00:00', end: '12:00' }], at('2026-01-09T20:00:00Z'), 'Asia/Shanghai')).toBe(true);
    expect(isActiveAt([{ days: [6], start: '00:00', end: '12:00' }], at('2026-01-09T20:00:00Z'), 'UTC')).toBe(false);
  });

  it('when a rule has no windows, then it is always active; with start equal to end, all day', () => {
    expect(isActiveAt([], at('2026-01-07T03:00:00Z'), 'UTC')).toBe(true);
    expect(isActiveAt([{ start: '00:00', end: '00:00' }], at('2026-01-07T03:00:00Z'), 'UTC')).toBe(true);
  });

  it('when the best rule is outside its window, then the next rule answers', () => {
    const offHours = keywordRule('off-hours', [kw('客服')], { priority: 5, activeWindows: [{ start: '18:00', end: '09:00' }] });
    const normal = keywordRule('normal', [kw('客服')]);
    const c = compileRules([offHours, normal]);
    expect(c.match(text('客服'), ctx({ now: at('2026-01-07T14:00:00Z') }))?.rule.name).toBe('off-hours'); // 22:00 Shanghai
    expect(c.match(text('客服'), ctx({ now: at('2026-01-07T04:00:00Z') }))?.rule.name).toBe('normal'); // 12:00 Shanghai
  });

  it('when the default rule has a window, then defaultRule respects it', () => {
    const c = compileRules([rule('night', { kind: 'default' }, { activeWindows: [{ start: '22:00', end: '08:00' }] })]);
    expect(c.defaultRule(ctx({ now: at('2026-01-07T15:00:00Z') }))?.rule.name).toBe('night'); // 23:00 Shanghai
    expect(c.defaultRule(ctx({ now: at('2026-01-07T04:00:00Z') }))).toBeNull();
  });
});
