import { ManualClock } from '../../../../src/shared/clock';
import { silentLogger } from '../../../../src/shared/logger';
import { certificationReminder, HousekeepingService, type Reminder, type ReminderRepository } from '../../../../src/modules/housekeeping';

const account = (certificationExpiresAt: string | null, over: Partial<{ appId: string; hasAppSecret: boolean }> = {}) => ({
  appId: 'wx1', name: '品牌号', timeZone: 'Asia/Shanghai', certificationExpiresAt, hasAppSecret: true, ...over,
});

class MemoryReminders implements ReminderRepository {
  readonly rows: Reminder[] = [];
  async add(r: Reminder): Promise<boolean> {
    if (this.rows.some((x) => x.appId === r.appId && x.kind === r.kind && x.key === r.key)) return false;
    this.rows.push(r);
    return true;
  }
  async list(q: { appId?: string; limit: number }): Promise<Reminder[]> {
    return this.rows.filter((r) => q.appId === undefined || r.appId === q.appId).reverse().slice(0, q.limit);
  }
}

describe('certification reminders', () => {
  // 2026-11-27T20:00Z is already 2026-11-28 in Asia/Shanghai.
  const now = new Date('2026-11-27T20:00:00Z');

  it.each([
    ['2026-12-28', '2026-12-28:30'], ['2026-12-05', '2026-12-28:7'.replace('2026-12-28', '2026-12-05')], ['2026-11-29', '2026-11-29:1'], ['2026-11-28', '2026-11-28:1'],
  ])('when the certification expires on %s, then the reminder key is %s (days counted in the account\'s zone)', (expires, key) => {
    expect(certificationReminder(account(expires), now)?.key).toBe(key);
  });

  it('when the expiry is more than 30 days away, already past, or unknown, then there is no reminder', () => {
    expect(certificationReminder(account('2026-12-29'), now)).toBeNull();
    expect(certificationReminder(account('2026-11-27'), now)).toBeNull();
    expect(certificationReminder(account(null), now)).toBeNull();
  });

  it('when the job runs again the same day or after a restart, then each reminder is given once', async () => {
    const clock = new ManualClock(now);
    const reminders = new MemoryReminders();
    const service = new HousekeepingService({ accounts: { list: async () => [account('2026-12-05')] }, reminders, tokens: { refresh: async () => undefined }, clock, logger: silentLogger });
    expect(await service.remindCertifications()).toHaveLength(1);
    expect(await service.remindCertifications()).toHaveLength(0);
    clock.advance(2 * 86_400_000); // 5 days left: still the 7-day reminder, already given
    expect(await service.remindCertifications()).toHaveLength(0);
    clock.advance(4 * 86_400_000); // 1 day left
    expect((await service.remindCertifications()).map((r) => r.key)).toEqual(['2026-12-05:1']);
    expect((await service.list({})).map((r) => r.key)).toEqual(['2026-12-05:1', '2026-12-05:7']);
  });

  it('when one account\'s token refresh fails, then the others are still refreshed and the failure is named', async () => {
    const refreshed: string[] = [];
    const service = new HousekeepingService({
      accounts: { list: async () => [account(null, { appId: 'wxA' }), account(null, { appId: 'wxB' }), account(null, { appId: 'wxC', hasAppSecret: false })] },
      reminders: new MemoryReminders(), clock: new ManualClock(now), logger: silentLogger,
      tokens: { refresh: async (appId) => { if (appId === 'wxA') throw new Error('40164 invalid ip'); refreshed.push(appId); } },
    });
    expect(await service.refreshTokens()).toEqual({ refreshed: 1, failed: ['wxA'] });
    expect(refreshed).toEqual(['wxB']);
  });
});
