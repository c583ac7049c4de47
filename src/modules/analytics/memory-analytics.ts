import type { AnalyticsMetric, AnalyticsRow, FetchedDay, StoredDayRef } from './analytics';
import type { AnalyticsRepository } from './analytics.ports';

/** The repository in memory, for unit tests; the same upsert semantics as SQLite's. */
export class MemoryAnalyticsRepository implements AnalyticsRepository {
  private readonly rowsByKey = new Map<string, AnalyticsRow>();
  private readonly fetched = new Map<string, StoredDayRef & { appId: string }>();

  async saveDays(appId: string, days: readonly FetchedDay[]): Promise<{ changed: number }> {
    let changed = 0;
    for (const day of days) {
      const keep = new Set(day.rows.map((r) => r.key));
      for (const [id, row] of this.rowsByKey) {
        if (row.appId === appId && row.metric === day.metric && row.refDate === day.refDate && !keep.has(row.key)) {
          this.rowsByKey.delete(id);
          changed += 1;
        }
      }
      for (const { key, data } of day.rows) {
        const id = [appId, day.metric, day.refDate, key].join('|');
        const before = this.rowsByKey.get(id);
        if (before && JSON.stringify(before.data) === JSON.stringify(data)) continue;
        this.rowsByKey.set(id, { appId, metric: day.metric, refDate: day.refDate, key, data: { ...data } });
        changed += 1;
      }
      this.fetched.set([appId, day.metric, day.refDate].join('|'), { appId, metric: day.metric, refDate: day.refDate });
    }
    return { changed };
  }

  async rows(appId: string, metric: AnalyticsMetric, since: string, until: string): Promise<AnalyticsRow[]> {
    return [...this.rowsByKey.values()]
      .filter((r) => r.appId === appId && r.metric === metric && r.refDate >= since && r.refDate <= until)
      .sort((a, b) => a.refDate.localeCompare(b.refDate) || a.key.localeCompare(b.key))
      .map((r) => ({ ...r, data: { ...r.data } }));
  }

  async storedDays(appId: string, since: string, until: string): Promise<StoredDayRef[]> {
    return [...this.fetched.values()]
      .filter((d) => d.appId === appId && d.refDate >= since && d.refDate <= until)
      .map(({ metric, refDate }) => ({ metric, refDate }));
  }
}
