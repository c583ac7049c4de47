/** Scheduled chores: proactive access-token refresh, certification (认证) expiry reminders. */
export { CERTIFICATION_REMINDER_DAYS, certificationReminder, type Reminder } from './housekeeping';
export type { HousekeepingAccounts, ReminderRepository, TokenRefresher } from './housekeeping.ports';
export { HousekeepingService } from './housekeeping.service';
