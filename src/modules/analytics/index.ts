/** The analytics capability: datacube figures pulled daily or backfilled into the store, gaps repaired, reports in JSON and CSV. */
export type { AnalyticsMetric, AnalyticsRow, BackfillResult, FetchedDay, Gaps, RowData, StoredDayRef } from './analytics';
export { analyticsMetrics, checkedRange, FIRST_DATA_DATE, MAX_RANGE_DAYS, METRIC_ENDPOINT } from './analytics';
export type { AnalyticsAccounts, AnalyticsPlatform, AnalyticsRepository, DatacubeReader } from './analytics.ports';
export { AnalyticsService, type AnalyticsServiceDeps } from './analytics.service';
export type { ArticleDay, ArticlePerformance, ArticleReport, FollowerDay, FollowerGrowth, MessageDay, MessageReport } from './analytics-reports';
export { monthRange, weekRange, type PeriodReport } from './analytics-period';
export { articlesCsv, followersCsv, messagesCsv, periodCsv } from './analytics-csv';
export { csvField, toCsv } from '../../shared/csv';
export { MemoryAnalyticsRepository } from './memory-analytics';
