import { Command } from 'commander';
import { loadConfig } from '../../config';
import { buildRuntime } from '../main';
import { articlesCsv, followersCsv, messagesCsv, periodCsv, type AnalyticsService, type BackfillResult, type PeriodReport } from '../modules/analytics';
import { AppError, ValidationError } from '../shared/errors';
import { createLogger } from '../shared/logger';
import { processIo, type CliIo } from './account';

type Open = () => Promise<{ analytics: AnalyticsService; close(): Promise<void> }>;

/**
 * Backfills call WeChat's datacube API, so the analytics commands run on a full runtime, as
 * `wxoa campaign` does, never listening and never running jobs. Calls are paced as the server
 * paces them (100 ms apart): a year of one account is ~1 000 calls, under two minutes.
 */
const openRuntime: Open = async () => {
  const config = loadConfig();
  const runtime = await buildRuntime(config, { logger: createLogger({ level: 'warn', toStderr: true }), defaultMetrics: false });
  return { analytics: runtime.analytics, close: () => runtime.close() };
};

const reportKinds = ['followers', 'articles', 'messages', 'weekly', 'monthly'] as const;
type ReportKind = (typeof reportKinds)[number];

interface RangeOptions { appId: string; since: string; until: string }
interface ReportOptions { appId: string; since?: string; until?: string; week?: string; month?: string; csv?: boolean }

/**
 * Adds `analytics backfill|gaps|report`: datacube figures (WeChat's dates, Asia/Shanghai) as the
 * admin API has them. Each prints its result as JSON on stdout (a report as CSV with --csv) and
 * says what happened in one line on stderr.
 */
export function registerAnalyticsCommands(program: Command, open: Open = openRuntime, io: CliIo = processIo): void {
  const analytics = program
    .command('analytics')
    .description("an account's datacube figures: backfill a range into the store, find the days never fetched, report in JSON or CSV");
  const run = (work: (service: AnalyticsService) => Promise<void>, resumable = false) => withAnalytics(open, io, work, resumable);
  const print = (value: unknown) => io.out(JSON.stringify(value, null, 2));

  analytics
    .command('backfill')
    .description('fetch [since, until] from WeChat in legal windows, skipping (metric, day) pairs already stored unless --force; an interrupted run resumes where it stopped')
    .requiredOption('--app-id <appId>', 'the account')
    .requiredOption('--since <YYYY-MM-DD>', 'the first day (Asia/Shanghai, 2014-12-01 or later)')
    .requiredOption('--until <YYYY-MM-DD>', 'the last day (yesterday in Asia/Shanghai at the latest)')
    .option('--force', 'fetch stored days again (WeChat corrects figures late sometimes)')
    .action((opts: RangeOptions & { force?: boolean }) =>
      run(async (service) => {
        const result = await service.backfill(opts.appId, opts.since, opts.until, { force: opts.force === true });
        print(result);
        io.err(result.calls === 0
          ? `nothing to fetch: every (metric, day) of ${opts.appId} from ${opts.since} to ${opts.until} is stored already (--force fetches it again)`
          : `backfilled ${opts.appId} from ${opts.since} to ${opts.until}: ${describeBackfill(result)}`);
      }, true),
    );

  analytics
    .command('gaps')
    .description('the (metric, day) pairs of [since, until] never fetched (days after yesterday are not gaps yet)')
    .requiredOption('--app-id <appId>', 'the account')
    .requiredOption('--since <YYYY-MM-DD>', 'the first day')
    .requiredOption('--until <YYYY-MM-DD>', 'the last day')
    .action((opts: RangeOptions) =>
      run(async (service) => {
        const gaps = await service.gaps(opts.appId, opts.since, opts.until);
        print(gaps);
        io.err(gaps.total === 0
          ? `no gaps: every (metric, day) of ${opts.appId} from ${gaps.since} to ${gaps.until} is stored`
          : `${gaps.total} (metric, day) pair(s) missing (${gaps.missing.map((m) => `${m.metric} ${m.dates.length}`).join(', ')}); to fetch them: ${backfillCommand(opts.appId, gaps.since, gaps.until)}`);
      }),
    );

  analytics
    .command('report <kind>')
    .description(`a report over what is stored (never calls WeChat): ${reportKinds.join(', ')}; JSON, or CSV with --csv`)
    .requiredOption('--app-id <appId>', 'the account')
    .option('--since <YYYY-MM-DD>', 'followers, articles, messages: the first day')
    .option('--until <YYYY-MM-DD>', 'followers, articles, messages: the last day')
    .option('--week <YYYY-MM-DD>', 'weekly: the first of the seven days')
    .option('--month <YYYY-MM>', 'monthly: the calendar month')
    .option('--csv', 'print CSV (RFC 4180, CRLF line ends) instead of JSON')
    .action((kind: string, opts: ReportOptions) =>
      run(async (service) => {
        const k = kindOf(kind);
        checkPeriodFlags(k, opts);
        const { text, summary } = await report(service, k, opts);
        // CSV lines end in CRLF; io.out ends the last line with LF, so the last CR stays and the bytes are the report's.
        io.out(text.endsWith('\r\n') ? text.slice(0, -1) : text);
        io.err(summary);
        if (k === 'weekly' || k === 'monthly') return;
        const gaps = await service.gaps(opts.appId, opts.since, opts.until);
        if (gaps.total > 0) io.err(`incomplete: ${gaps.total} (metric, day) pair(s) of the range were never fetched, so the figures undercount; ${backfillCommand(opts.appId, gaps.since, gaps.until)}`);
      }),
    );
}

async function report(service: AnalyticsService, kind: ReportKind, o: ReportOptions): Promise<{ text: string; summary: string }> {
  const json = (value: unknown) => JSON.stringify(value, null, 2);
  const csv = o.csv === true;
  switch (kind) {
    case 'followers': {
      const r = await service.followerGrowth(o.appId, o.since, o.until);
      const t = r.totals;
      return { text: csv ? followersCsv(r) : json(r), summary: `followers of ${o.appId} from ${r.since} to ${r.until}: ${t.new} new, ${t.cancelled} cancelled, net ${t.net}, ${t.cumulativeAtEnd} at the end` };
    }
    case 'articles': {
      const r = await service.articles(o.appId, o.since, o.until);
      const t = r.totals;
      return { text: csv ? articlesCsv(r) : json(r), summary: `articles of ${o.appId} from ${r.since} to ${r.until}: ${r.perArticle.length} article(s), ${t.reads} reads, ${t.shares} shares, ${t.favourites} favourites` };
    }
    case 'messages': {
      const r = await service.messages(o.appId, o.since, o.until);
      return { text: csv ? messagesCsv(r) : json(r), summary: `messages from followers of ${o.appId} from ${r.since} to ${r.until}: ${r.totals.messages}` };
    }
    default: {
      const r = kind === 'weekly' ? await service.weekly(o.appId, o.week) : await service.monthly(o.appId, o.month);
      return { text: csv ? periodCsv(r) : json(r), summary: describePeriod(r) };
    }
  }
}

function describePeriod(r: PeriodReport): string {
  const p = r.period;
  const head = `${p.kind === 'week' ? 'week from' : 'month'} ${p.label} of ${r.appId} (${p.since} to ${p.until}): ${r.followers.totals.net} net followers, ${r.articles.totals.reads} reads, ${r.messages.totals.messages} messages`;
  if (r.complete) return head;
  const total = r.missing.reduce((n, m) => n + m.dates.length, 0);
  return `${head}; incomplete: ${total} (metric, day) pair(s) were never fetched, so the figures undercount; ${backfillCommand(r.appId, p.since, p.until)}`;
}

function kindOf(kind: string): ReportKind {
  if ((reportKinds as readonly string[]).includes(kind)) return kind as ReportKind;
  throw new ValidationError(`the report must be one of: ${reportKinds.join(', ')} (got ${JSON.stringify(kind)})`);
}

/** Which period flags each report takes; the dates themselves are checked by the service. */
function checkPeriodFlags(kind: ReportKind, o: ReportOptions): void {
  const range = o.since !== undefined || o.until !== undefined;
  if (kind === 'weekly') {
    if (o.week === undefined || range || o.month !== undefined) throw new ValidationError('report weekly takes --week YYYY-MM-DD (the first of the seven days) and no --since, --until or --month');
  } else if (kind === 'monthly') {
    if (o.month === undefined || range || o.week !== undefined) throw new ValidationError('report monthly takes --month YYYY-MM and no --since, --until or --week');
  } else if (o.since === undefined || o.until === undefined || o.week !== undefined || o.month !== undefined) {
    throw new ValidationError(`report ${kind} takes --since YYYY-MM-DD and --until YYYY-MM-DD (--week is for weekly, --month for monthly)`);
  }
}

/** `1064 datacube call(s), 2555 (metric, day) pair(s) stored, 312 row(s) changed (getarticlesummary 365, …)`. */
function describeBackfill(r: BackfillResult): string {
  const endpoints = Object.entries(r.callsByEndpoint).map(([endpoint, n]) => `${endpoint} ${n}`).join(', ');
  return `${r.calls} datacube call(s), ${r.daysStored} (metric, day) pair(s) stored, ${r.rowsChanged} row(s) changed (${endpoints})`;
}

const backfillCommand = (appId: string, since: string, until: string) => `wxoa analytics backfill --app-id ${appId} --since ${since} --until ${until}`;

async function withAnalytics(open: Open, io: CliIo, work: (service: AnalyticsService) => Promise<void>, resumable: boolean): Promise<void> {
  let ctx: Awaited<ReturnType<Open>> | undefined;
  try {
    ctx = await open();
    await work(ctx.analytics);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    // The service's own message (bad or illegal dates, unknown account), or WeChat's refusal of a call.
    io.err(`error: ${err.message}`);
    // A backfill stores each window as it arrives: what was fetched before the failure is kept.
    if (resumable && err.status >= 500) io.err('what was fetched before the failure is stored; the same command resumes from there');
    // As runCli and `wxoa campaign`: 2 for what the operator can fix (input, unknown account), 1 otherwise.
    io.setExitCode(err.status < 500 ? 2 : 1);
  } finally {
    await ctx?.close();
  }
}
