import type { Clock } from '../../shared/clock';
import { ValidationError } from '../../shared/errors';
import { shanghaiYesterday } from '../../wechat-api/datacube-windows';
import { analyticsMetrics, checkedRange, datesOf, type AnalyticsMetric } from './analytics';
import type { AnalyticsAccounts, AnalyticsRepository } from './analytics.ports';
import { monthRange, weekRange, type PeriodReport } from './analytics-period';
import { articleReport, followerGrowth, messageReport, type ArticleReport, type FollowerGrowth, type MessageReport } from './analytics-reports';

/** The reports over what is stored; they never call WeChat (a backfill or the daily job fills the store). */
export class AnalyticsReports {
  constructor(
    private readonly repo: AnalyticsRepository,
    private readonly accounts: Pick<AnalyticsAccounts, 'get'>,
    private readonly clock: Clock,
  ) {}

  async followerGrowth(appId: string, since: unknown, until: unknown): Promise<FollowerGrowth> {
    const r = await this.range(appId, since, until);
    return followerGrowth(r.since, r.until, await this.rows(appId, 'userSummary', r), await this.rows(appId, 'userCumulate', r));
  }

  async articles(appId: string, since: unknown, until: unknown): Promise<ArticleReport> {
    const r = await this.range(appId, since, until);
    const [read, share, summary, total] = await Promise.all((['userRead', 'userShare', 'articleSummary', 'articleTotal'] as const).map((m) => this.rows(appId, m, r)));
    return articleReport(r.since, r.until, { read: read!, share: share!, summary: summary!, total: total! });
  }

  async messages(appId: string, since: unknown, until: unknown): Promise<MessageReport> {
    const r = await this.range(appId, since, until);
    return messageReport(r.since, r.until, await this.rows(appId, 'upstreamMsg', r));
  }

  /** Seven days from `week`: followers, articles and messages with totals. */
  async weekly(appId: string, week: unknown): Promise<PeriodReport> {
    return this.period(appId, 'week', weekRange(week));
  }

  /** The calendar month 'YYYY-MM'. */
  async monthly(appId: string, month: unknown): Promise<PeriodReport> {
    return this.period(appId, 'month', monthRange(month));
  }

  /** A period running past yesterday (this week, this month) is reported up to yesterday. */
  private async period(appId: string, kind: 'week' | 'month', p: { label: string; since: string; until: string }): Promise<PeriodReport> {
    const yesterday = shanghaiYesterday(this.clock);
    const until = p.until > yesterday ? yesterday : p.until;
    if (until < p.since) throw new ValidationError(`the ${kind} ${p.label} has no finished day yet: WeChat's latest data is for ${yesterday}`, [{ field: kind, message: 'must have started before today' }]);
    const [followers, articles, messages] = await Promise.all([this.followerGrowth(appId, p.since, until), this.articles(appId, p.since, until), this.messages(appId, p.since, until)]);
    const missing = await this.missing(appId, p.since, until);
    return { appId, period: { kind, label: p.label, since: p.since, until }, complete: missing.length === 0, missing, followers, articles, messages };
  }

  private async missing(appId: string, since: string, until: string): Promise<{ metric: string; dates: string[] }[]> {
    if (until < since) return [];
    const stored = new Set((await this.repo.storedDays(appId, since, until)).map((d) => `${d.metric}|${d.refDate}`));
    const all = datesOf(since, until);
    return analyticsMetrics
      .map((metric) => ({ metric, dates: all.filter((d) => !stored.has(`${metric}|${d}`)) }))
      .filter((m) => m.dates.length > 0);
  }

  private async range(appId: string, since: unknown, until: unknown): Promise<{ since: string; until: string }> {
    const range = checkedRange(since, until);
    await this.accounts.get(appId);
    return range;
  }

  private rows(appId: string, metric: AnalyticsMetric, r: { since: string; until: string }) {
    return this.repo.rows(appId, metric, r.since, r.until);
  }
}
