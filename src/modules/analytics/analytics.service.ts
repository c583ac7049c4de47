import type { Clock } from '../../shared/clock';
import { AppError, ValidationError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import { addDays, zonedInstant, zonedParts } from '../../shared/zoned-time';
import { DATACUBE_MAX_SPAN, shanghaiYesterday, splitIntoWindows, type DateWindow } from '../../wechat-api/datacube-windows';
import { analyticsMetrics, checkedRange, datesOf, FIRST_DATA_DATE, METRIC_ENDPOINT, runsOf, type AnalyticsMetric, type BackfillResult, type Gaps } from './analytics';
import type { AnalyticsAccounts, AnalyticsPlatform, AnalyticsRepository, DatacubeReader } from './analytics.ports';
import { fetchRows, groupByDay } from './analytics-rows';
import type { PeriodReport } from './analytics-period';
import type { ArticleReport, FollowerGrowth, MessageReport } from './analytics-reports';
import { AnalyticsReports } from './analytics-reports.service';

export interface AnalyticsServiceDeps {
  repo: AnalyticsRepository;
  platform: AnalyticsPlatform;
  accounts: AnalyticsAccounts;
  clock: Clock;
  logger?: Logger;
  /** Pause between two datacube calls (default 100 ms): a year's backfill is ~1 000 calls, and WeChat's limits are per minute. */
  throttleMs?: number;
  /** How a pause is taken; tests pass one that records instead of waiting. */
  sleep?: (ms: number) => Promise<void>;
  /** Tries per window when WeChat is busy or the network fails (default 3), the pause growing by `retryDelayMs` each time. */
  attempts?: number;
  retryDelayMs?: number;
}

/** Daily pulls look back this far, so a few days of downtime heal themselves without an operator. */
const DAILY_LOOKBACK_DAYS = 7;
/**
 * getarticletotal's figures for an article keep growing for a week after it is sent (its details run
 * to stat_date = send day + 6), so the daily pull fetches the articles of the last 6 days again.
 */
const ARTICLE_TOTAL_SETTLES_DAYS = 6;
/** WeChat's yesterday is ready after 08:00 Beijing time (protocol doc §9). */
const READY_AT = '08:00';

/** Pulls datacube figures into the store (daily, backfill, gap repair) and reports on them. */
export class AnalyticsService {
  private readonly reports: AnalyticsReports;

  constructor(private readonly deps: AnalyticsServiceDeps) {
    this.reports = new AnalyticsReports(deps.repo, deps.accounts, deps.clock);
  }

  followerGrowth(appId: string, since: unknown, until: unknown): Promise<FollowerGrowth> {
    return this.reports.followerGrowth(appId, since, until);
  }

  articles(appId: string, since: unknown, until: unknown): Promise<ArticleReport> {
    return this.reports.articles(appId, since, until);
  }

  messages(appId: string, since: unknown, until: unknown): Promise<MessageReport> {
    return this.reports.messages(appId, since, until);
  }

  weekly(appId: string, week: unknown): Promise<PeriodReport> {
    return this.reports.weekly(appId, week);
  }

  monthly(appId: string, month: unknown): Promise<PeriodReport> {
    return this.reports.monthly(appId, month);
  }

  /** Fetches one day of every metric again, even if stored (WeChat corrects figures late sometimes). */
  pullDay(appId: string, date: string): Promise<BackfillResult> {
    return this.backfill(appId, date, date, { force: true });
  }

  /**
   * Fetches [since, until] per metric in legal windows, one call at a time with a pause between,
   * skipping (metric, day) pairs already stored unless `force`. Each window is stored as it
   * arrives, so an interrupted backfill resumes where it stopped when run again.
   */
  async backfill(appId: string, since: unknown, until: unknown, options: { force?: boolean; metrics?: readonly AnalyticsMetric[] } = {}): Promise<BackfillResult> {
    const range = this.fetchableRange(since, until);
    await this.deps.accounts.get(appId);
    const metrics = options.metrics ?? analyticsMetrics;
    const plan = (await this.plan(appId, range, options.force ?? false)).filter((step) => metrics.includes(step.metric));
    const result: BackfillResult = { calls: 0, windows: plan.length, daysStored: 0, rowsChanged: 0, callsByEndpoint: {} };
    if (plan.length === 0) return result;
    const api = await this.deps.platform.forAccount(appId);
    if (!api) throw new AppError('account_without_secret', `account ${appId} has no AppSecret: WeChat's API cannot be called`, 409);
    for (const [i, { metric, window }] of plan.entries()) {
      if (i > 0) await this.pause(this.deps.throttleMs ?? 100);
      const rows = await this.fetchWithRetry(api.datacube, metric, window, result);
      const days = groupByDay(metric, window.beginDate, window.endDate, rows);
      const { changed } = await this.deps.repo.saveDays(appId, days, this.deps.clock.now().toISOString());
      result.daysStored += days.length;
      result.rowsChanged += changed;
    }
    return result;
  }

  /** Which (metric, day) pairs of [since, until] were never fetched; days after yesterday are not gaps yet. */
  async gaps(appId: string, since: unknown, until: unknown): Promise<Gaps> {
    const range = checkedRange(since, until);
    await this.deps.accounts.get(appId);
    const last = [range.until, shanghaiYesterday(this.deps.clock)].sort()[0]!;
    if (last < range.since) return { ...range, total: 0, missing: [] };
    const missing = (await this.missingDates(appId, { since: range.since, until: last }))
      .filter(({ dates }) => dates.length > 0)
      .map(({ metric, dates }) => ({ metric, dates, runs: runsOf(dates) }));
    return { ...range, total: missing.reduce((n, m) => n + m.dates.length, 0), missing };
  }

  /** Fetches exactly the gaps of [since, until] (a backfill that skips what is stored). */
  async repairGaps(appId: string, since: unknown, until: unknown): Promise<BackfillResult & { gapsBefore: number }> {
    const before = await this.gaps(appId, since, until);
    if (before.total === 0) return { calls: 0, windows: 0, daysStored: 0, rowsChanged: 0, callsByEndpoint: {}, gapsBefore: 0 };
    return { ...(await this.backfill(appId, before.since, [before.until, shanghaiYesterday(this.deps.clock)].sort()[0]!)), gapsBefore: before.total };
  }

  /**
   * Accounts whose yesterday (in the account's zone) is ready — past 08:00 there, and past 08:00
   * in Beijing on the day after, when WeChat has it — and not yet fully stored.
   */
  async dueDaily(now: Date = this.deps.clock.now()): Promise<{ appId: string; date: string }[]> {
    const due: { appId: string; date: string }[] = [];
    for (const account of await this.deps.accounts.list()) {
      if (!account.hasAppSecret) continue;
      const local = zonedParts(now, account.timeZone);
      const date = addDays(local.date, -1);
      if (local.hour < 8 || zonedInstant(addDays(date, 1), READY_AT, 'Asia/Shanghai') > now) continue;
      const stored = await this.deps.repo.storedDays(account.appId, date, date);
      if (stored.length < analyticsMetrics.length) due.push({ appId: account.appId, date });
    }
    return due;
  }

  /** The daily job: for each due account, fetches what is missing of the last week up to its yesterday. One account failing does not stop the others. */
  async runDaily(): Promise<{ appId: string; date: string; result?: BackfillResult; error?: string }[]> {
    const outcomes: { appId: string; date: string; result?: BackfillResult; error?: string }[] = [];
    for (const { appId, date } of await this.dueDaily()) {
      const from = [addDays(date, 1 - DAILY_LOOKBACK_DAYS), FIRST_DATA_DATE].sort().reverse()[0]!;
      try {
        // Only days stored by an earlier run are fetched again: the backfill below fetches the rest today.
        const settling = await this.deps.repo.storedDays(appId, addDays(date, -ARTICLE_TOTAL_SETTLES_DAYS), addDays(date, -1));
        let result = await this.backfill(appId, from, date);
        for (const { metric, refDate } of settling) {
          if (metric === 'articleTotal') result = sumOf(result, await this.backfill(appId, refDate, refDate, { force: true, metrics: ['articleTotal'] }));
        }
        outcomes.push({ appId, date, result });
      } catch (err) {
        this.deps.logger?.warn({ err, appId, date }, 'analytics daily pull failed');
        outcomes.push({ appId, date, error: err instanceof Error ? err.message : String(err) });
      }
    }
    return outcomes;
  }

  private fetchableRange(since: unknown, until: unknown): { since: string; until: string } {
    const range = checkedRange(since, until);
    const yesterday = shanghaiYesterday(this.deps.clock);
    if (range.until > yesterday) {
      throw new ValidationError(`until ${range.until} is later than yesterday (${yesterday}, Asia/Shanghai): WeChat has no data for it yet`, [{ field: 'until', message: `must be ${yesterday} or earlier` }]);
    }
    return range;
  }

  private async missingDates(appId: string, range: { since: string; until: string }, force = false): Promise<{ metric: AnalyticsMetric; dates: string[] }[]> {
    const stored = new Set(force ? [] : (await this.deps.repo.storedDays(appId, range.since, range.until)).map((d) => `${d.metric}|${d.refDate}`));
    const all = datesOf(range.since, range.until);
    return analyticsMetrics.map((metric) => ({ metric, dates: all.filter((d) => !stored.has(`${metric}|${d}`)) }));
  }

  /** Missing days per metric → consecutive runs → windows no longer than the endpoint allows. */
  private async plan(appId: string, range: { since: string; until: string }, force: boolean): Promise<{ metric: AnalyticsMetric; window: DateWindow }[]> {
    const plan: { metric: AnalyticsMetric; window: DateWindow }[] = [];
    for (const { metric, dates } of await this.missingDates(appId, range, force)) {
      const span = DATACUBE_MAX_SPAN[METRIC_ENDPOINT[metric]];
      for (const run of runsOf(dates)) for (const window of splitIntoWindows(run.since, run.until, span, this.deps.clock)) plan.push({ metric, window });
    }
    return plan;
  }

  private async fetchWithRetry(api: DatacubeReader, metric: AnalyticsMetric, w: DateWindow, result: BackfillResult) {
    const attempts = Math.max(1, this.deps.attempts ?? 3);
    const endpoint = METRIC_ENDPOINT[metric];
    for (let attempt = 1; ; attempt++) {
      result.calls += 1;
      result.callsByEndpoint[endpoint] = (result.callsByEndpoint[endpoint] ?? 0) + 1;
      try {
        return await fetchRows(api, metric, w.beginDate, w.endDate);
      } catch (err) {
        if (attempt >= attempts || !this.deps.platform.isTransient(err)) throw err;
        this.deps.logger?.warn({ err, endpoint, window: w, attempt }, 'datacube call failed; trying again');
        await this.pause((this.deps.retryDelayMs ?? 2_000) * attempt);
      }
    }
  }

  private pause(ms: number): Promise<void> {
    if (this.deps.sleep) return this.deps.sleep(ms);
    return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
  }
}

function sumOf(a: BackfillResult, b: BackfillResult): BackfillResult {
  const callsByEndpoint = { ...a.callsByEndpoint };
  for (const [endpoint, n] of Object.entries(b.callsByEndpoint)) callsByEndpoint[endpoint] = (callsByEndpoint[endpoint] ?? 0) + n;
  return { calls: a.calls + b.calls, windows: a.windows + b.windows, daysStored: a.daysStored + b.daysStored, rowsChanged: a.rowsChanged + b.rowsChanged, callsByEndpoint };
}
