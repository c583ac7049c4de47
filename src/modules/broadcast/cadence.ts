/**
 * The cadence promise of agency contracts: a push every 2–3 days, and a client may end the contract
 * after 7 days without one. A warning after `warnDays` without a sent campaign, an alert after `alertDays`.
 */
export interface Cadence {
  lastSentAt: string | null;
  /** Whole days since the last send; null when the account never sent through wxoa. */
  daysSince: number | null;
  level: 'ok' | 'warning' | 'alert';
}

export const CADENCE_WARN_DAYS = 3;
export const CADENCE_ALERT_DAYS = 7;

export function cadenceOf(lastSentAt: string | null, now: Date, warnDays = CADENCE_WARN_DAYS, alertDays = CADENCE_ALERT_DAYS): Cadence {
  // Never sent through wxoa: a warning, not an alert (the account may be new, or push from the console).
  if (lastSentAt === null) return { lastSentAt, daysSince: null, level: 'warning' };
  const daysSince = Math.floor((now.getTime() - Date.parse(lastSentAt)) / 86_400_000);
  return { lastSentAt, daysSince, level: daysSince >= alertDays ? 'alert' : daysSince >= warnDays ? 'warning' : 'ok' };
}
