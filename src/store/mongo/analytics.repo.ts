import { Schema, type AnyBulkWriteOperation, type Connection, type Model } from 'mongoose';
import type { AnalyticsMetric, AnalyticsRepository, AnalyticsRow, FetchedDay, RowData, StoredDayRef } from '../../modules/analytics';
import { aggregateSchemaOptions, modelOn } from './documents';

/**
 * One datacube row: the figures of one key of one (metric, WeChat date) of an account. The _id is
 * that key, `appId|metric|refDate|key` (appIds, metric names and dates hold no '|', and the row key
 * comes last), so every upsert addresses its document by _id.
 */
interface AnalyticsRowDoc {
  _id: string;
  appId: string;
  metric: string;
  refDate: string;
  key: string;
  data: RowData;
  /** When the figures last changed. */
  updatedAt: string;
}

/** A (metric, day) fetched, rows or not (WeChat leaves out empty days, which must not look like gaps). _id: `appId|metric|refDate`. */
interface AnalyticsDayDoc {
  _id: string;
  appId: string;
  metric: string;
  refDate: string;
  rows: number;
  fetchedAt: string;
}

export const ANALYTICS_ROW_MODEL = 'AnalyticsRow';
export const ANALYTICS_DAY_MODEL = 'AnalyticsDay';

export const analyticsRowSchema = new Schema<AnalyticsRowDoc>(
  {
    _id: { type: String, required: true },
    appId: { type: String, required: true },
    metric: { type: String, required: true },
    refDate: { type: String, required: true },
    // '' when the day has one row (mongoose's `required` would refuse the empty string).
    key: { type: String, default: '' },
    // camelCase figures, as the module shapes them; their fields differ by metric.
    data: { type: Schema.Types.Mixed, required: true },
    updatedAt: { type: String, required: true },
  },
  aggregateSchemaOptions('analytics'),
);
// The idempotency key, unique on its fields as well as through the _id; it serves rows() (account,
// metric, date range, by date then key) and saveDays' read of the days it is about to write.
analyticsRowSchema.index({ appId: 1, metric: 1, refDate: 1, key: 1 }, { unique: true });

export const analyticsDaySchema = new Schema<AnalyticsDayDoc>(
  {
    _id: { type: String, required: true },
    appId: { type: String, required: true },
    metric: { type: String, required: true },
    refDate: { type: String, required: true },
    rows: { type: Number, required: true },
    fetchedAt: { type: String, required: true },
  },
  aggregateSchemaOptions('analytics_days'),
);
// storedDays (gap finding): an account's fetched days in a date range, by date then metric; one per (metric, day).
analyticsDaySchema.index({ appId: 1, refDate: 1, metric: 1 }, { unique: true });

/**
 * Datacube rows in MongoDB. Every write is an upsert by _id carrying the whole new value, so writing
 * a row twice, or two saves racing, leaves it stored once. One read of the batch's days first skips
 * what has not changed: a re-pull writes only real differences, and those are what `changed` counts.
 *
 * Without transactions a batch cannot be all-or-nothing, so it is written in an order that is safe
 * to cut anywhere: every value is checked before the first write, rows go first and the days are
 * recorded as fetched last. A save that dies half-way leaves its days unrecorded, to be fetched again.
 */
export class MongoAnalyticsRepository implements AnalyticsRepository {
  private readonly rowModel: Model<AnalyticsRowDoc>;
  private readonly dayModel: Model<AnalyticsDayDoc>;

  constructor(connection: Connection) {
    this.rowModel = modelOn<AnalyticsRowDoc>(connection, ANALYTICS_ROW_MODEL, analyticsRowSchema);
    this.dayModel = modelOn<AnalyticsDayDoc>(connection, ANALYTICS_DAY_MODEL, analyticsDaySchema);
  }

  async saveDays(appId: string, days: readonly FetchedDay[], fetchedAt: string): Promise<{ changed: number }> {
    if (days.length === 0) return { changed: 0 };
    // The figures as JSON text, as SQLite stores and compares them: a value JSON cannot hold throws
    // here, before any write.
    const batch = days.map((d) => ({ ...d, rows: d.rows.map((r) => ({ key: r.key, text: JSON.stringify(r.data) })) }));
    const stored = await this.storedFigures(appId, batch);

    const rowOps: AnyBulkWriteOperation<AnalyticsRowDoc>[] = [];
    for (const { metric, refDate, rows } of batch) {
      const day = `${appId}|${metric}|${refDate}`;
      const before = stored.get(day) ?? new Map<string, string>();
      const keys = rows.map((r) => r.key);
      // A re-pull is the truth for its day: keys WeChat no longer reports go.
      if ([...before.keys()].some((key) => !keys.includes(key))) {
        rowOps.push({ deleteMany: { filter: { appId, metric, refDate, key: { $nin: keys } } } });
      }
      for (const { key, text } of rows) {
        if (before.get(key) === text) continue;
        rowOps.push({ updateOne: {
          filter: { _id: `${day}|${key}` },
          update: { $set: { data: JSON.parse(text) as RowData, updatedAt: fetchedAt }, $setOnInsert: { appId, metric, refDate, key } },
          upsert: true,
        } });
      }
      // A day given twice in one batch: the later rows are compared with these, and win, as in SQLite.
      stored.set(day, new Map(rows.map((r) => [r.key, r.text])));
    }
    const written = rowOps.length === 0 ? null : await this.rowModel.bulkWrite(rowOps, { ordered: true });

    await this.dayModel.bulkWrite(batch.map(({ metric, refDate, rows }) => ({ updateOne: {
      filter: { _id: `${appId}|${metric}|${refDate}` },
      update: { $set: { appId, metric, refDate, rows: rows.length, fetchedAt } },
      upsert: true,
    } })), { ordered: true });

    return { changed: written ? written.deletedCount + written.modifiedCount + written.upsertedCount : 0 };
  }

  async rows(appId: string, metric: AnalyticsMetric, since: string, until: string): Promise<AnalyticsRow[]> {
    const docs = await this.rowModel
      .find({ appId, metric, refDate: { $gte: since, $lte: until } })
      .sort({ refDate: 1, key: 1 })
      .lean<AnalyticsRowDoc[]>();
    // Written by saveDays from the module's own rows: the metric and the figures are as the domain shapes them.
    return docs.map((d) => ({ appId: d.appId, metric: d.metric as AnalyticsMetric, refDate: d.refDate, key: d.key, data: d.data }));
  }

  async storedDays(appId: string, since: string, until: string): Promise<StoredDayRef[]> {
    const docs = await this.dayModel
      .find({ appId, refDate: { $gte: since, $lte: until } }, { metric: 1, refDate: 1 })
      .sort({ refDate: 1, metric: 1 })
      .lean<Pick<AnalyticsDayDoc, 'metric' | 'refDate'>[]>();
    return docs.map((d) => ({ metric: d.metric as AnalyticsMetric, refDate: d.refDate }));
  }

  /** The figures now stored for the batch's (metric, day) pairs, as JSON text by key, by `appId|metric|refDate`. */
  private async storedFigures(appId: string, batch: readonly Pick<FetchedDay, 'metric' | 'refDate'>[]): Promise<Map<string, Map<string, string>>> {
    const docs = await this.rowModel
      .find({ appId, metric: { $in: [...new Set(batch.map((d) => d.metric))] }, refDate: { $in: [...new Set(batch.map((d) => d.refDate))] } })
      .lean<AnalyticsRowDoc[]>();
    const byDay = new Map<string, Map<string, string>>();
    for (const d of docs) {
      const day = `${appId}|${d.metric}|${d.refDate}`;
      byDay.set(day, (byDay.get(day) ?? new Map<string, string>()).set(d.key, JSON.stringify(d.data)));
    }
    return byDay;
  }
}
