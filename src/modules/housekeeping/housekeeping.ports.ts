import type { Reminder } from './housekeeping';

/** Reminders given, so each is given once (a table in SQLite). */
export interface ReminderRepository {
  /** Stores the reminder unless one with its appId, kind and key exists; true when this call stored it. */
  add(reminder: Reminder): Promise<boolean>;
  /** Newest first. */
  list(query: { appId?: string; limit: number }): Promise<Reminder[]>;
}

/** AccountService fits (list). */
export interface HousekeepingAccounts {
  list(): Promise<Array<{ appId: string; name: string; timeZone: string; certificationExpiresAt: string | null; hasAppSecret: boolean }>>;
}

/** Fetches a fresh access_token when the current one is near expiry (WeChatApiClients + TokenManager). */
export interface TokenRefresher {
  refresh(appId: string): Promise<void>;
}
