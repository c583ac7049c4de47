/** A per-account lookup read through a short cache; `peek` answers synchronously once a value is loaded. */
export type PerAccount<T> = ((appId: string) => Promise<T>) & { peek(appId: string): T | undefined };

/** A change (desk settings, an account's time zone) reaches every instance within this. */
export const PER_ACCOUNT_TTL_MS = 10_000;

/**
 * Caches `load` per account for `ttlMs`: the webhook, the desk, conversations and the SLA sweep read
 * the same desk settings and time zone for every message; one read per account every few seconds
 * serves them all. A failed load is forgotten, so the next call tries again.
 */
export function perAccount<T>(load: (appId: string) => Promise<T>, ttlMs = PER_ACCOUNT_TTL_MS): PerAccount<T> {
  const entries = new Map<string, { at: number; value: Promise<T>; resolved?: T }>();
  const get = (appId: string) => {
    const hit = entries.get(appId);
    if (hit && Date.now() - hit.at < ttlMs) return hit.value;
    const entry: { at: number; value: Promise<T>; resolved?: T } = { at: Date.now(), value: load(appId) };
    entries.set(appId, entry);
    entry.value.then((v) => (entry.resolved = v), () => entries.delete(appId));
    return entry.value;
  };
  return Object.assign(get, {
    peek(appId: string): T | undefined {
      const hit = entries.get(appId);
      if (!hit || Date.now() - hit.at >= ttlMs) {
        void get(appId).catch(() => undefined); // load for the next caller
        return undefined;
      }
      return hit.resolved;
    },
  });
}
