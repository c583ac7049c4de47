import type { Statement, Transaction } from 'better-sqlite3';
import type { AnalyticsMetric, AnalyticsRepository, AnalyticsRow, FetchedDay, RowData, StoredDayRef } from '../../modules/analytics';
import type { SqliteDatabase } from './database';

interface Row {
  app_id: string;
  metric: string;
  ref_date: string;
  key: string;
  data: string;
}

/** Datacube rows in SQLite (migration 6). A batch of days is one transaction: all stored or none. */
export class SqliteAnalyticsRepository implements AnalyticsRepository {
  private readonly upsertStmt: Statement;
  private readonly pruneStmt: Statement;
  private readonly markStmt: Statement;
  private readonly rowsStmt: Statement<[string, string, string, string], Row>;
  private readonly daysStmt: Statement<[string, string, string], { metric: string; ref_date: string }>;
  private readonly saveTx: Transaction<(appId: string, days: readonly FetchedDay[], at: string) => number>;

  constructor(db: SqliteDatabase) {
    // The WHERE makes an unchanged row a no-op, so `changes` counts only real differences.
    this.upsertStmt = db.prepare(
      `INSERT INTO analytics (app_id, metric, ref_date, key, data, updated_at) VALUES (@appId, @metric, @refDate, @key, @data, @at)
       ON CONFLICT (app_id, metric, ref_date, key) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at
       WHERE analytics.data IS NOT excluded.data`,
    );
    // Rows WeChat no longer reports for a day it was asked again (a re-pull is the truth for that day).
    this.pruneStmt = db.prepare(
      `DELETE FROM analytics WHERE app_id = @appId AND metric = @metric AND ref_date = @refDate
       AND key NOT IN (SELECT value FROM json_each(@keys))`,
    );
    this.markStmt = db.prepare(
      `INSERT INTO analytics_days (app_id, metric, ref_date, rows, fetched_at) VALUES (@appId, @metric, @refDate, @rows, @at)
       ON CONFLICT (app_id, metric, ref_date) DO UPDATE SET rows = excluded.rows, fetched_at = excluded.fetched_at`,
    );
    this.rowsStmt = db.prepare(
      'SELECT app_id, metric, ref_date, key, data FROM analytics WHERE app_id = ? AND metric = ? AND ref_date BETWEEN ? AND ? ORDER BY ref_date, key',
    );
    this.daysStmt = db.prepare('SELECT metric, ref_date FROM analytics_days WHERE app_id = ? AND ref_date BETWEEN ? AND ? ORDER BY ref_date, metric');
    this.saveTx = db.transaction((appId: string, days: readonly FetchedDay[], at: string) => {
      let changed = 0;
      for (const day of days) {
        const where = { appId, metric: day.metric, refDate: day.refDate };
        changed += this.pruneStmt.run({ ...where, keys: JSON.stringify(day.rows.map((r) => r.key)) }).changes;
        for (const { key, data } of day.rows) changed += this.upsertStmt.run({ ...where, key, data: JSON.stringify(data), at }).changes;
        this.markStmt.run({ ...where, rows: day.rows.length, at });
      }
      return changed;
    });
  }

  async saveDays(appId: string, days: readonly FetchedDay[], fetchedAt: string): Promise<{ changed: number }> {
    return { changed: this.saveTx(appId, days, fetchedAt) };
  }

  async rows(appId: string, metric: AnalyticsMetric, since: string, until: string): Promise<AnalyticsRow[]> {
    // Written by saveDays from the module's own rows: the metric and the JSON are as the domain shapes them.
    return this.rowsStmt.all(appId, metric, since, until).map((r) => ({ appId: r.app_id, metric: r.metric as AnalyticsMetric, refDate: r.ref_date, key: r.key, data: JSON.parse(r.data) as RowData }));
  }

  async storedDays(appId: string, since: string, until: string): Promise<StoredDayRef[]> {
    return this.daysStmt.all(appId, since, until).map((d) => ({ metric: d.metric as AnalyticsMetric, refDate: d.ref_date }));
  }
}
