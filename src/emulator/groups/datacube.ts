import type Router from '@koa/router';
import { readWeChatJson } from '../core/body';
import type { EmulatorContext } from '../core/contract';
import { articleSummary, articleTotal, userRead, userReadHour, userShare, userShareHour, type ArticleSource } from './datacube-articles';
import { checkedRange, dayOf, MAX_SPAN } from './datacube-dates';
import { interfaceSummary, interfaceSummaryHour } from './datacube-interface';
import type { AudienceLedger } from './datacube-ledger';
import { byDay, byHour, byMonth, byWeek, upstreamMsg, upstreamMsgDist, type Period } from './datacube-messages';
import { followersAt, userCumulate, userSummary } from './datacube-users';

type Row = Record<string, unknown>;

/** What one request has to go on: the account's ledger, the checked range and yesterday. */
interface Query {
  appId: string;
  ledger: AudienceLedger;
  period: Period;
  articles: ArticleSource;
}

/** Each endpoint of §9 and where its figures come from. */
const ENDPOINTS: Record<string, (q: Query) => Row[]> = {
  getusersummary: (q) => userSummary(q.ledger.follows(q.appId), q.period.begin, q.period.end),
  getusercumulate: (q) => userCumulate(q.ledger.follows(q.appId), q.period.begin, q.period.end),
  getarticlesummary: (q) => articleSummary(q.articles, q.period.begin, q.period.end),
  getarticletotal: (q) => articleTotal(q.articles, q.period.begin, q.period.end),
  getuserread: (q) => userRead(q.articles, q.period.begin, q.period.end),
  getuserreadhour: (q) => userReadHour(q.articles, q.period.begin, q.period.end),
  getusershare: (q) => userShare(q.articles, q.period.begin, q.period.end),
  getusersharehour: (q) => userShareHour(q.articles, q.period.begin, q.period.end),
  getupstreammsg: (q) => upstreamMsg(q.ledger.messages(q.appId), byDay(q.period)),
  getupstreammsghour: (q) => upstreamMsg(q.ledger.messages(q.appId), byHour(q.period)),
  getupstreammsgweek: (q) => upstreamMsg(q.ledger.messages(q.appId), byWeek(q.period)),
  getupstreammsgmonth: (q) => upstreamMsg(q.ledger.messages(q.appId), byMonth(q.period)),
  getupstreammsgdist: (q) => upstreamMsgDist(q.ledger.messages(q.appId), byDay(q.period)),
  getupstreammsgdistweek: (q) => upstreamMsgDist(q.ledger.messages(q.appId), byWeek(q.period)),
  getupstreammsgdistmonth: (q) => upstreamMsgDist(q.ledger.messages(q.appId), byMonth(q.period)),
  getinterfacesummary: (q) => interfaceSummary(q.appId, q.ledger.callbacks(q.appId), q.period.begin, q.period.end),
  getinterfacesummaryhour: (q) => interfaceSummaryHour(q.appId, q.ledger.callbacks(q.appId), q.period.begin, q.period.end),
};

/**
 * POST /datacube/<endpoint> for the 17 endpoints of §9: the range is checked (61500/61501,
 * the endpoint's maximum span, yesterday at the latest in Asia/Shanghai), then `{"list": […]}`.
 * Week and month endpoints give one row per week (Monday) or month (the 1st) that starts in the range.
 */
export function registerDatacube(router: Router, emu: EmulatorContext, ledger: AudienceLedger): void {
  for (const [endpoint, produce] of Object.entries(ENDPOINTS)) {
    const maxSpan = MAX_SPAN[endpoint] ?? 1;
    router.post(`/datacube/${endpoint}`, async (ctx) => {
      const { appId } = emu.authenticate(ctx);
      const now = emu.nowSeconds();
      const { begin, end } = checkedRange(await readWeChatJson(ctx), maxSpan, now);
      const yesterday = dayOf(now) - 1;
      const audience = new Map<number, number>();
      const articles: ArticleSource = {
        appId,
        yesterday,
        audienceAt(day) {
          let n = audience.get(day);
          if (n === undefined) audience.set(day, (n = followersAt(ledger.follows(appId), day)));
          return n;
        },
      };
      ctx.body = { list: produce({ appId, ledger, period: { begin, end, yesterday }, articles }) };
    });
  }
}
