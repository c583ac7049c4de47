/**
 * The cadence promise of agency contracts: a push every 2–3 days, and a client may end the contract
 * after 7 days without one. A warning after the account's `warnAfterDays` without a sent campaign,
 * an alert after its `alertAfterDays` (3 and 7 unless its push schedule says otherwise).
 */
export interface Cadence {
  lastSentAt: string | null;
  /** Whole days since the last send; null when the account never sent through wxoa. */
  daysSince: number | null;
  level: 'ok' | 'warning' | 'alert';
  warnAfterDays: number;
  alertAfterDays: number;
}

export function cadenceOf(lastSentAt: string | null, now: Date, marks: { warnAfterDays: number; alertAfterDays: number }): Cadence {
  const { warnAfterDays, alertAfterDays } = marks;
  // Never sent through wxoa: a warning, not an alert (the account may be new, or push from the console).
  if (lastSentAt === null) return { lastSentAt, daysSince: null, level: 'warning', warnAfterDays, alertAfterDays };
  const daysSince = Math.floor((now.getTime() - Date.parse(lastSentAt)) / 86_400_000);
  const level = daysSince >= alertAfterDays ? 'alert' : daysSince >= warnAfterDays ? 'warning' : 'ok';
  return { lastSentAt, daysSince, level, warnAfterDays, alertAfterDays };
}
