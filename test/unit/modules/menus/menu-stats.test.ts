import { buildStats, localDate, parseDraft, startOfLocalDay, statsRange } from '../../../../src/modules/menus';
import { caught } from '../../../helpers/accounts';

describe('menu stats: ranges and days', () => {
  it('when since/until are absent, then the range is the 7 days up to today', () => {
    expect(statsRange({}, '2026-03-10')).toEqual({ since: '2026-03-04', until: '2026-03-10' });
  });

  it('when since is after until, not a real date, or the range exceeds 366 days, then a 400 names the field', async () => {
    expect((await caught(() => statsRange({ since: '2026-03-11', until: '2026-03-10' }, 'x'))).details).toEqual([{ field: 'since', message: 'is after until (2026-03-10)' }]);
    const bad = await caught(() => statsRange({ since: '2026-02-30', until: 'tomorrow' }, 'x'));
    expect(bad.status).toBe(400);
    expect((bad.details as Array<{ field: string }>).map((p) => p.field)).toEqual(['since', 'until']);
    expect((await caught(() => statsRange({ since: '2025-01-01', until: '2026-01-02' }, 'x'))).message).toMatch(/367 days/);
  });

  it('when a day starts in Shanghai, then it is 16:00 UTC the day before; in New York the offset follows DST', () => {
    expect(startOfLocalDay('2026-03-10', 'Asia/Shanghai').toISOString()).toBe('2026-03-09T16:00:00.000Z');
    expect(startOfLocalDay('2026-03-07', 'America/New_York').toISOString()).toBe('2026-03-07T05:00:00.000Z');
    expect(startOfLocalDay('2026-03-09', 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z');
  });

  it('when an instant is 17:00 UTC, then its Shanghai date is the next day', () => {
    expect(localDate(new Date('2026-03-09T17:00:00Z'), 'Asia/Shanghai')).toBe('2026-03-10');
    expect(localDate(new Date('2026-03-09T15:59:59Z'), 'Asia/Shanghai')).toBe('2026-03-09');
  });
});

describe('menu stats: folding counts', () => {
  const draft = parseDraft({
    buttons: [{ type: 'click', name: '帮助', key: 'HELP' }, { type: 'view', name: '官网', url: 'https://e.com/' }],
  });

  it('when counts span two days, then every day of the range appears, buttons are named from the draft and totals add up', () => {
    const stats = buildStats({ since: '2026-03-01', until: '2026-03-03' }, 'Asia/Shanghai', [
      { date: '2026-03-01', event: 'CLICK', key: 'HELP', count: 2 },
      { date: '2026-03-01', event: 'VIEW', key: 'https://e.com/', count: 5 },
      { date: '2026-03-03', event: 'CLICK', key: 'HELP', count: 1 },
      { date: '2026-03-03', event: 'CLICK', key: 'GONE', count: 4 },
    ], draft);
    expect(stats.days).toEqual([
      { date: '2026-03-01', buttons: [{ key: 'https://e.com/', event: 'VIEW', count: 5, name: '官网' }, { key: 'HELP', event: 'CLICK', count: 2, name: '帮助' }] },
      { date: '2026-03-02', buttons: [] },
      { date: '2026-03-03', buttons: [{ key: 'GONE', event: 'CLICK', count: 4 }, { key: 'HELP', event: 'CLICK', count: 1, name: '帮助' }] },
    ]);
    expect(stats.totals).toEqual({
      count: 12,
      buttons: [
        { key: 'https://e.com/', event: 'VIEW', count: 5, name: '官网' },
        { key: 'GONE', event: 'CLICK', count: 4 },
        { key: 'HELP', event: 'CLICK', count: 3, name: '帮助' },
      ],
    });
  });

  it('when a CLICK key equals a view URL, then names are not crossed between event kinds', () => {
    const stats = buildStats({ since: '2026-03-01', until: '2026-03-01' }, 'UTC', [{ date: '2026-03-01', event: 'CLICK', key: 'https://e.com/', count: 1 }], draft);
    expect(stats.days[0]!.buttons[0]).toEqual({ key: 'https://e.com/', event: 'CLICK', count: 1 });
  });
});
