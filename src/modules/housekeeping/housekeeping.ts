import { zonedParts } from '../../shared/zoned-time';

/** Days before a certification (认证) expires when the team is reminded: a month, a week, the day before. */
export const CERTIFICATION_REMINDER_DAYS = [30, 7, 1] as const;

export interface Reminder {
  appId: string;
  /** What it is about; with `key`, unique: the same reminder is never given twice. */
  kind: 'certification_expiring';
  /** e.g. `2026-12-31:7`: the expiry date and the threshold. */
  key: string;
  message: string;
  createdAt: string;
}

/**
 * The reminder due today for an account's certification, or null. Due from the threshold day on
 * (so a server that was down on that day still reminds the day after), and only the nearest
 * threshold: after a long outage the team hears "1 day left", not three reminders at once.
 */
export function certificationReminder(
  account: { appId: string; name: string; timeZone: string; certificationExpiresAt: string | null },
  now: Date,
): Reminder | null {
  const expires = account.certificationExpiresAt;
  if (expires === null) return null;
  const today = zonedParts(now, account.timeZone).date;
  const daysLeft = daysBetween(today, expires);
  if (daysLeft < 0) return null;
  const threshold = [...CERTIFICATION_REMINDER_DAYS].reverse().find((d) => daysLeft <= d);
  if (threshold === undefined) return null;
  const when = daysLeft === 0 ? 'today' : daysLeft === 1 ? 'tomorrow' : `in ${daysLeft} days (${expires})`;
  return {
    appId: account.appId, kind: 'certification_expiring', key: `${expires}:${threshold}`, createdAt: now.toISOString(),
    message: `${account.name} (${account.appId}): WeChat certification expires ${when}; renew it in the MP console (设置与开发 → 微信认证) or the account loses verified features such as the API`,
  };
}

/** Calendar days from one YYYY-MM-DD to another (both read as UTC midnights, so no DST hour interferes). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
