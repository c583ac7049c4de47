import { Command } from 'commander';
import { registerAnalyticsCommands } from '../../src/cli/analytics';
import { buildProgram } from '../../src/cli/index';
import { AnalyticsService, followersCsv } from '../../src/modules/analytics';
import { isTransientFailure } from '../../src/wechat-api/errors';
import { startEmulator, type StartedEmulator } from '../helpers/emulator';
import { MASTER_KEY, startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { TEST_ACCOUNT } from '../helpers/wechat-client';
import { runCli } from '../helpers/cli';

/**
 * `wxoa analytics` against the emulator, as test/integration/analytics.test.ts does through the
 * service. The runtime's clock is 2023-11-15 06:13 in Shanghai, so WeChat's yesterday is 2023-11-14.
 * The injected service is the runtime's wiring with no pause between calls (the product pauses 100 ms).
 */
const APP = TEST_ACCOUNT.appId;
const SINCE = '2023-10-16';
const UNTIL = '2023-11-14'; // 30 days
/** 30 days: ⌈30/7⌉ = 5 windows for the 7-day endpoints, 10 for getuserread (3 days), 30 for the 1-day ones. */
const LEGAL = { getusersummary: 5, getusercumulate: 5, getarticlesummary: 30, getarticletotal: 30, getuserread: 10, getusershare: 5, getupstreammsg: 5 };

describe('wxoa analytics', () => {
  let emulator: StartedEmulator;
  let rt: TestRuntime;
  let service: AnalyticsService;
  let out: string[];
  let err: string[];
  let exitCode: number;
  let closed: number;

  async function wxoa(...args: string[]): Promise<void> {
    ({ out, err, exitCode } = await runCli((program, io) => registerAnalyticsCommands(program, async () => ({ analytics: service, close: async () => void closed++ }), io), args));
  }
  const printed = () => JSON.parse(out.join('\n'));
  const datacubeCalls = async (): Promise<number> => {
    const stats = (await (await fetch(`${emulator.url}/__emulator/accounts/${APP}/stats`)).json()) as { apiCalls: Record<string, number> };
    return Object.entries(stats.apiCalls).filter(([path]) => path.startsWith('/datacube/')).reduce((n, [, c]) => n + c, 0);
  };

  beforeEach(async () => {
    closed = 0;
    emulator = await startEmulator();
    for (const openid of ['oFan1', 'oFan2', 'oFan3']) emulator.emu.follow(APP, openid, { at: Date.parse('2023-11-01T04:00:00Z') / 1000, scene: 'ADD_SCENE_SEARCH' });
    rt = await startTestRuntime({ env: { WECHAT_API_BASE: emulator.url } });
    await rt.accounts.create(TEST_ACCOUNT);
    service = new AnalyticsService({
      repo: rt.store.analytics, accounts: rt.accounts, clock: rt.clock, throttleMs: 0,
      platform: { forAccount: (appId) => rt.wechatApi.forAccount(appId), isTransient: isTransientFailure },
    });
  });
  afterEach(async () => {
    await rt.close();
    await emulator.close();
  });

  it('when 30 days are backfilled twice, then the first run prints its calls and the days stored, and the second fetches and stores nothing', async () => {
    await wxoa('analytics', 'backfill', '--app-id', APP, '--since', SINCE, '--until', UNTIL);
    expect(exitCode).toBe(0);
    expect(printed()).toEqual({ calls: 90, windows: 90, daysStored: 30 * 7, rowsChanged: expect.any(Number), callsByEndpoint: LEGAL });
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(new RegExp(`^backfilled ${APP} from ${SINCE} to ${UNTIL}: 90 datacube call\\(s\\), 210 \\(metric, day\\) pair\\(s\\) stored, \\d+ row\\(s\\) changed \\(getusersummary 5, `));
    expect(await datacubeCalls()).toBe(90);

    await wxoa('analytics', 'backfill', '--app-id', APP, '--since', SINCE, '--until', UNTIL);
    expect(exitCode).toBe(0);
    expect(printed()).toEqual({ calls: 0, windows: 0, daysStored: 0, rowsChanged: 0, callsByEndpoint: {} });
    expect(err).toEqual([`nothing to fetch: every (metric, day) of ${APP} from ${SINCE} to ${UNTIL} is stored already (--force fetches it again)`]);
    expect(await datacubeCalls()).toBe(90);

    await wxoa('analytics', 'backfill', '--app-id', APP, '--since', UNTIL, '--until', UNTIL, '--force');
    expect(printed()).toMatchObject({ calls: 7, daysStored: 7, rowsChanged: 0 }); // the same figures again
    expect(closed).toBe(3); // the runtime is closed after every command
  });

  it('when gaps runs before and after a partial backfill, then it prints the missing pairs and how to fetch them', async () => {
    await wxoa('analytics', 'gaps', '--app-id', APP, '--since', SINCE, '--until', UNTIL);
    expect(exitCode).toBe(0);
    expect(printed()).toMatchObject({ since: SINCE, until: UNTIL, total: 30 * 7 });
    expect(err).toEqual([`210 (metric, day) pair(s) missing (userSummary 30, userCumulate 30, articleSummary 30, articleTotal 30, userRead 30, userShare 30, upstreamMsg 30); to fetch them: wxoa analytics backfill --app-id ${APP} --since ${SINCE} --until ${UNTIL}`]);

    await wxoa('analytics', 'backfill', '--app-id', APP, '--since', '2023-11-01', '--until', UNTIL);
    await wxoa('analytics', 'gaps', '--app-id', APP, '--since', SINCE, '--until', UNTIL);
    expect(printed().total).toBe(16 * 7);
    expect(printed().missing[0]).toEqual({ metric: 'userSummary', dates: expect.any(Array), runs: [{ since: SINCE, until: '2023-10-31' }] });

    await wxoa('analytics', 'backfill', '--app-id', APP, '--since', SINCE, '--until', '2023-10-31');
    await wxoa('analytics', 'gaps', '--app-id', APP, '--since', SINCE, '--until', UNTIL);
    expect(printed().total).toBe(0);
    expect(err).toEqual([`no gaps: every (metric, day) of ${APP} from ${SINCE} to ${UNTIL} is stored`]);
  });

  it('when reports run with --csv, then stdout is the CSV (header first, CRLF line ends) and the JSON form has the same figures', async () => {
    await wxoa('analytics', 'backfill', '--app-id', APP, '--since', SINCE, '--until', UNTIL);

    await wxoa('analytics', 'report', 'followers', '--app-id', APP, '--since', SINCE, '--until', UNTIL, '--csv');
    expect(exitCode).toBe(0);
    const csv = `${out.join('\n')}\n`; // as the bytes on stdout
    expect(csv).toBe(followersCsv(await service.followerGrowth(APP, SINCE, UNTIL)));
    expect(csv.split('\r\n')[0]).toBe('date,new,cancelled,net,cumulative,source_1');
    expect(csv.split('\r\n')).toHaveLength(30 + 3); // header, 30 days, total, and the empty string after the last CRLF
    expect(err).toEqual([`followers of ${APP} from ${SINCE} to ${UNTIL}: 3 new, 0 cancelled, net 3, 3 at the end`]);

    await wxoa('analytics', 'report', 'followers', '--app-id', APP, '--since', SINCE, '--until', UNTIL);
    expect(printed().totals).toMatchObject({ new: 3, cancelled: 0, net: 3, cumulativeAtEnd: 3 });

    await wxoa('analytics', 'report', 'articles', '--app-id', APP, '--since', SINCE, '--until', UNTIL, '--csv');
    expect(out[0]!.split('\r\n')[0]).toBe('scope,date,msgId,title,reads,readers,shares,favourites,asOf');
    await wxoa('analytics', 'report', 'messages', '--app-id', APP, '--since', SINCE, '--until', UNTIL, '--csv');
    expect(out[0]!.split('\r\n')[0]).toMatch(/^date,messages/);

    await wxoa('analytics', 'report', 'weekly', '--app-id', APP, '--week', '2023-11-06', '--csv');
    expect(exitCode).toBe(0);
    expect(out[0]!.split('\r\n')[0]).toBe('date,newFollowers,cancelledFollowers,netFollowers,cumulativeFollowers,reads,readers,shares,favourites,messages');
    expect(err[0]).toMatch(new RegExp(`^week from 2023-11-06 of ${APP} \\(2023-11-06 to 2023-11-12\\): 0 net followers, \\d+ reads, 0 messages$`));

    await wxoa('analytics', 'report', 'monthly', '--app-id', APP, '--month', '2023-10');
    expect(printed()).toMatchObject({ period: { kind: 'month', label: '2023-10', since: '2023-10-01', until: '2023-10-31' }, complete: false });
    expect(err[0]).toMatch(/^month 2023-10 of .*; incomplete: 105 \(metric, day\) pair\(s\) were never fetched, so the figures undercount; wxoa analytics backfill --app-id \S+ --since 2023-10-01 --until 2023-10-31$/);
  });

  it('when a range report covers days never fetched, then it still prints and warns on stderr', async () => {
    await wxoa('analytics', 'report', 'messages', '--app-id', APP, '--since', SINCE, '--until', UNTIL);
    expect(exitCode).toBe(0);
    expect(printed().totals.messages).toBe(0);
    expect(err[1]).toBe(`incomplete: 210 (metric, day) pair(s) of the range were never fetched, so the figures undercount; wxoa analytics backfill --app-id ${APP} --since ${SINCE} --until ${UNTIL}`);
  });

  it.each([
    [['backfill', '--since', '2023-10-32', '--until', UNTIL], 'error: since and until must be dates as YYYY-MM-DD (got "2023-10-32" .. "2023-11-14")'],
    [['backfill', '--since', UNTIL, '--until', SINCE], `error: until ${SINCE} is before since ${UNTIL}`],
    [['backfill', '--since', SINCE, '--until', '2023-11-15'], 'error: until 2023-11-15 is later than yesterday (2023-11-14, Asia/Shanghai): WeChat has no data for it yet'],
    [['backfill', '--since', '2014-11-30', '--until', '2014-12-01'], 'error: WeChat keeps analytics from 2014-12-01; since 2014-11-30 is earlier'],
    [['gaps', '--since', '11/01/2023', '--until', UNTIL], 'error: since and until must be dates as YYYY-MM-DD (got "11/01/2023" .. "2023-11-14")'],
    [['report', 'followers', '--since', SINCE], 'error: report followers takes --since YYYY-MM-DD and --until YYYY-MM-DD (--week is for weekly, --month for monthly)'],
    [['report', 'weekly', '--since', SINCE, '--until', UNTIL], 'error: report weekly takes --week YYYY-MM-DD (the first of the seven days) and no --since, --until or --month'],
    [['report', 'monthly', '--month', '2023-13'], 'error: month must be YYYY-MM (got "2023-13")'],
    [['report', 'weekly', '--week', '2023-11-15'], "error: the week 2023-11-15 has no finished day yet: WeChat's latest data is for 2023-11-14"],
    [['report', 'yearly', '--since', SINCE, '--until', UNTIL], 'error: the report must be one of: followers, articles, messages, weekly, monthly (got "yearly")'],
  ])('when the dates or flags are bad (%j), then the exit code is 2 with the reason and WeChat is not called', async (args, message) => {
    const [command, ...rest] = args as [string, ...string[]];
    await wxoa('analytics', command, ...(command === 'report' ? [rest[0]!, '--app-id', APP, ...rest.slice(1)] : ['--app-id', APP, ...rest]));
    expect(exitCode).toBe(2);
    expect(out).toEqual([]);
    expect(err).toEqual([message]);
    expect(await datacubeCalls()).toBe(0);
  });

  it('when the account is unknown, then the exit code is 2', async () => {
    await wxoa('analytics', 'backfill', '--app-id', 'wx0000000000000000', '--since', SINCE, '--until', UNTIL);
    expect(exitCode).toBe(2);
    expect(err[0]).toMatch(/^error: .*no account/);
  });

  it('when WeChat refuses the backfill, then the exit code is 1 with its reason and the operator learns that running it again resumes', async () => {
    // A secret WeChat does not accept: the first call fails at the token.
    await rt.accounts.update(APP, { appSecret: 'ffffffffffffffffffffffffffffffff' });
    rt.wechatApi.forget(APP);
    await wxoa('analytics', 'backfill', '--app-id', APP, '--since', SINCE, '--until', UNTIL);
    expect(exitCode).toBe(1);
    expect(err[0]).toMatch(/^error: /);
    expect(err[1]).toBe('what was fetched before the failure is stored; the same command resumes from there');
  });

  it('when run without an injected runtime, then it opens the store under DATA_DIR, and `wxoa` has the commands', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { DATA_DIR: rt.dataDir, WXOA_MASTER_KEY: MASTER_KEY, WECHAT_API_BASE: emulator.url, LOG_LEVEL: 'silent' });
    const lines: string[] = [];
    try {
      const program = new Command('wxoa').exitOverride();
      registerAnalyticsCommands(program, undefined, { out: (l) => void lines.push(l), err: () => undefined, setExitCode: (c) => void (exitCode = c) });
      // The real runtime's clock: one day well in the past, two calls apart by the product's 100 ms pause at most 7 times.
      await program.parseAsync(['node', 'wxoa', 'analytics', 'backfill', '--app-id', APP, '--since', '2023-11-14', '--until', '2023-11-14']);
    } finally {
      process.env = saved;
    }
    expect(JSON.parse(lines.join('\n'))).toMatchObject({ calls: 7, daysStored: 7 });
    expect(await rt.store.analytics.storedDays(APP, '2023-11-14', '2023-11-14')).toHaveLength(7);

    const analytics = buildProgram().commands.find((c) => c.name() === 'analytics');
    expect(analytics?.commands.map((c) => c.name())).toEqual(['backfill', 'gaps', 'report']);
  });
});
