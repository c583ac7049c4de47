import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import { certificationReminder, type Reminder } from './housekeeping';
import type { HousekeepingAccounts, ReminderRepository, TokenRefresher } from './housekeeping.ports';

/** The small scheduled chores: access tokens kept fresh ahead of use, certification reminders. */
export class HousekeepingService {
  constructor(private readonly deps: { accounts: HousekeepingAccounts; reminders: ReminderRepository; tokens: TokenRefresher; clock: Clock; logger: Logger }) {}

  /**
   * Touches every account's token: the token manager refetches one that is within its margin of
   * expiry, so a webhook reply or a mass send never waits for /cgi-bin/token. One account's failure
   * (a revoked AppSecret, an IP not whitelisted) is logged and does not stop the others.
   */
  async refreshTokens(): Promise<{ refreshed: number; failed: string[] }> {
    const failed: string[] = [];
    let refreshed = 0;
    for (const account of await this.deps.accounts.list()) {
      if (!account.hasAppSecret) continue;
      try {
        await this.deps.tokens.refresh(account.appId);
        refreshed++;
      } catch (err) {
        failed.push(account.appId);
        this.deps.logger.warn({ err, appId: account.appId }, 'access_token refresh failed');
      }
    }
    return { refreshed, failed };
  }

  /** Gives each due certification reminder once (logged as a warning and kept for GET /api/v1/reminders). */
  async remindCertifications(): Promise<Reminder[]> {
    const now = this.deps.clock.now();
    const given: Reminder[] = [];
    for (const account of await this.deps.accounts.list()) {
      const reminder = certificationReminder(account, now);
      if (!reminder || !(await this.deps.reminders.add(reminder))) continue;
      this.deps.logger.warn({ event: 'reminder.certification_expiring', appId: account.appId, key: reminder.key }, reminder.message);
      given.push(reminder);
    }
    return given;
  }

  async list(query: { appId?: string; limit?: number }): Promise<Reminder[]> {
    return this.deps.reminders.list({ appId: query.appId, limit: Math.min(Math.max(query.limit ?? 100, 1), 1000) });
  }
}
