import { ManualClock } from '../../../../src/shared/clock';
import { addDays } from '../../../../src/shared/zoned-time';
import { AnalyticsService, MemoryAnalyticsRepository, type AnalyticsServiceDeps, type DatacubeReader } from '../../../../src/modules/analytics';
import { DATACUBE_MAX_SPAN, type DatacubeEndpoint } from '../../../../src/wechat-api/datacube-windows';

export const APP = 'wx1234567890abcdef';

function days(begin: string, end: string): string[] {
  const out: string[] = [];
  for (let d = begin; d <= end; d = addDays(d, 1)) out.push(d);
  return out;
}

const counters = (n: number) => ({ intPageReadUser: n, intPageReadCount: 2 * n, oriPageReadUser: 0, oriPageReadCount: 0, shareUser: 1, shareCount: 3, addToFavUser: 1, addToFavCount: 2 });

/**
 * A datacube that refuses an illegal span as WeChat does (61501) and otherwise answers small,
 * predictable figures; every call is recorded. Days listed in `empty` have no rows at all;
 * `failures[i]`, when defined, is what call i throws.
 */
export function fakeDatacube(options: { empty?: Set<string>; failures?: unknown[] } = {}) {
  const calls: { endpoint: DatacubeEndpoint; begin: string; end: string }[] = [];
  const failures = [...(options.failures ?? [])];
  const answer = <T>(endpoint: DatacubeEndpoint, begin: string, end: string, make: (d: string) => T[]): Promise<T[]> => {
    calls.push({ endpoint, begin, end });
    const failure = failures.shift();
    if (failure !== undefined) return Promise.reject(failure);
    if (days(begin, end).length > DATACUBE_MAX_SPAN[endpoint]) return Promise.reject(Object.assign(new Error('61501 date range error'), { errcode: 61501 }));
    return Promise.resolve(days(begin, end).filter((d) => !options.empty?.has(d)).flatMap(make));
  };
  const reader: DatacubeReader = {
    userSummary: (b, e) => answer('getusersummary', b, e, (d) => [{ refDate: d, userSource: 0, newUser: 2, cancelUser: 1 }, { refDate: d, userSource: 30, newUser: 3, cancelUser: 0 }]),
    userCumulate: (b, e) => answer('getusercumulate', b, e, (d) => [{ refDate: d, cumulateUser: 100 + Number(d.slice(8)) }]),
    articleSummary: (b, e) => answer('getarticlesummary', b, e, (d) => [{ refDate: d, msgId: `${d.replace(/-/g, '')}_1`, title: `On ${d}`, ...counters(10) }]),
    articleTotal: (b, e) => answer('getarticletotal', b, e, (d) => [{ refDate: d, msgId: `${d.replace(/-/g, '')}_1`, title: `On ${d}`, details: [{ statDate: d, targetUser: 100, ...counters(10) }, { statDate: addDays(d, 1), targetUser: 100, ...counters(15) }] }]),
    userRead: (b, e) => answer('getuserread', b, e, (d) => [{ refDate: d, ...counters(20) }]),
    userShare: (b, e) => answer('getusershare', b, e, (d) => [{ refDate: d, shareScene: 1, shareCount: 4, shareUser: 2 }, { refDate: d, shareScene: 2, shareCount: 1, shareUser: 1 }]),
    upstreamMsg: (b, e) => answer('getupstreammsg', b, e, (d) => [{ refDate: d, msgType: 1, msgUser: 3, msgCount: 5 }, { refDate: d, msgType: 2, msgUser: 1, msgCount: 1 }]),
  };
  const countBy = () => calls.reduce<Record<string, number>>((m, c) => ({ ...m, [c.endpoint]: (m[c.endpoint] ?? 0) + 1 }), {});
  return { reader, calls, countBy };
}

/** 2024-03-20 10:00 in Shanghai: yesterday there is 2024-03-19. */
export const NOW = Date.UTC(2024, 2, 20, 2, 0, 0);

export function serviceWith(options: { empty?: Set<string>; failures?: unknown[]; accounts?: { appId: string; timeZone: string; hasAppSecret: boolean }[]; deps?: Partial<AnalyticsServiceDeps> } = {}) {
  const clock = new ManualClock(NOW);
  const repo = new MemoryAnalyticsRepository();
  const cube = fakeDatacube(options);
  const pauses: number[] = [];
  const accounts = options.accounts ?? [{ appId: APP, timeZone: 'Asia/Shanghai', hasAppSecret: true }];
  const service = new AnalyticsService({
    repo, clock,
    platform: { forAccount: async (appId) => (accounts.some((a) => a.appId === appId) ? { datacube: cube.reader } : null), isTransient: (err) => (err as { transient?: boolean }).transient === true },
    accounts: {
      list: async () => accounts,
      get: async (appId) => {
        const a = accounts.find((x) => x.appId === appId);
        if (!a) throw Object.assign(new Error(`no account ${appId}`), { code: 'not_found' });
        return a;
      },
    },
    sleep: async (ms) => void pauses.push(ms),
    ...options.deps,
  });
  return { service, repo, clock, cube, pauses };
}
