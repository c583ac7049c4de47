import type Router from '@koa/router';
import { EmulatorError } from '../core/contract';
import type { MassGate } from './mass-ledger';
import { idOf, intOf, invalidArgs, readJson, sendJson } from './publishing-wire';

/** speed level → real speed in 万/min (§7.2). */
const REAL_SPEED = [80, 60, 45, 30, 10];

/** Status, deletion and speed of mass sends (§7.2); all count toward the 60/min window. */
export function registerMassManage(router: Router, gate: MassGate): void {
  router.post('/cgi-bin/message/mass/get', async (ctx) => {
    const { ledger } = gate(ctx);
    const record = ledger.records.get(idOf((await readJson(ctx)).msg_id) ?? '');
    if (!record) throw invalidArgs('unknown msg_id');
    sendJson(ctx, { msg_id: BigInt(record.msgId), msg_status: record.status });
  });

  // Only a successful news or video send can be deleted; article_idx is 1-based, 0/absent = all.
  router.post('/cgi-bin/message/mass/delete', async (ctx) => {
    const { ledger } = gate(ctx);
    const body = await readJson(ctx);
    const record = ledger.records.get(idOf(body.msg_id) ?? '');
    if (!record) throw invalidArgs('unknown msg_id');
    if (record.msgtype !== 'mpnews' && record.msgtype !== 'mpvideo') throw new EmulatorError(48008, 'no permission for this msgtype');
    if (record.status === 'SENDING' || record.status === 'SEND_FAIL') throw invalidArgs('only a successfully sent message can be deleted');
    const idx = body.article_idx === undefined || body.article_idx === null ? 0 : intOf(body.article_idx);
    if (idx === null || idx < 0 || idx > record.articleCount) throw new EmulatorError(40060, 'invalid article_idx');
    if (idx === 0) for (let i = 1; i <= record.articleCount; i++) record.deletedIdx.add(i);
    else record.deletedIdx.add(idx);
    if (record.deletedIdx.size >= record.articleCount) record.status = 'DELETE';
    sendJson(ctx, { errcode: 0, errmsg: 'ok' });
  });

  router.post('/cgi-bin/message/mass/speed/get', async (ctx) => {
    // speed/get takes no arguments, so whatever body came is not read.
    const { ledger } = gate(ctx);
    sendJson(ctx, { speed: ledger.speed, realspeed: REAL_SPEED[ledger.speed] });
  });

  router.post('/cgi-bin/message/mass/speed/set', async (ctx) => {
    const { ledger } = gate(ctx);
    const { speed } = await readJson(ctx);
    if (speed === undefined || speed === null) throw new EmulatorError(45084, 'no speed');
    if (intOf(speed) === null || (speed as number) < 0 || (speed as number) > 4) throw new EmulatorError(45083, 'the speed out of range');
    ledger.speed = speed as number;
    sendJson(ctx, { errcode: 0, errmsg: 'ok' });
  });
}
