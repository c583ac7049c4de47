import type Router from '@koa/router';
import { readWeChatJson } from '../core/body';
import { EmulatorError, type EmulatorContext } from '../core/contract';
import { authenticateVerified } from './custom-message-routes';
import type { KfBook } from './kf-state';

const MAX_NUMBER = 10_000;
const BEIJING_OFFSET = 8 * 3600;
const beijingDay = (t: number): number => Math.floor((t + BEIJING_OFFSET) / 86_400);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/**
 * msgrecord/getmsglist (§6.4): records in [starttime, endtime] from `msgid` on, at most `number`.
 * 65416 for bad parameters, 65417 for a window crossing a (Beijing) day — the codes the official
 * page lists for "查询参数不合法" and "查询时间段超出限制". The answer's msgid is where the next
 * page starts.
 */
export function registerKfRecordRoutes(router: Router, emu: EmulatorContext, book: KfBook): void {
  router.post('/customservice/msgrecord/getmsglist', async (ctx) => {
    const { appId } = authenticateVerified(emu, ctx);
    const { starttime, endtime, msgid, number } = await readWeChatJson(ctx);
    if (!isInt(starttime) || !isInt(endtime) || !isInt(msgid) || !isInt(number) || msgid < 1 || number < 1 || number > MAX_NUMBER || endtime < starttime) {
      throw new EmulatorError(65416, 'invalid parameter');
    }
    if (beijingDay(starttime) !== beijingDay(endtime)) throw new EmulatorError(65417, 'time range out of limit (one day at most)');
    const page = book
      .of(appId)
      .records.filter((r) => r.id >= msgid && r.time >= starttime && r.time <= endtime)
      .slice(0, number);
    ctx.body = {
      recordlist: page.map((r) => ({ openid: r.openid, opercode: r.opercode, text: r.text, time: r.time, worker: r.worker })),
      number: page.length,
      msgid: page.length > 0 ? page[page.length - 1]!.id + 1 : msgid,
    };
  });
}
