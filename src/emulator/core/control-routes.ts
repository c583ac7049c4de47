import type Router from '@koa/router';
import { ManualClock } from '../../shared/clock';
import { patched, type AccountInput } from './accounts';
import { readControlJson } from './body';
import type { Emulator } from './context';
import { ControlError } from './errors';
import type { FaultBook } from './faults';

/**
 * The control API under /__emulator: what the WeChat console and the passage of time do on the
 * real platform. Plain JSON and HTTP status codes, not WeChat's errcode convention.
 */
export function registerControlRoutes(router: Router, emu: Emulator, faults: FaultBook): void {
  router.get('/__emulator/accounts', (ctx) => {
    ctx.body = { accounts: emu.accounts() };
  });

  router.post('/__emulator/accounts', async (ctx) => {
    const body = await readControlJson(ctx);
    if (typeof body.appId !== 'string') throw new ControlError(400, 'invalid_account', 'appId is required');
    ctx.status = 201;
    ctx.body = emu.addAccount(body as AccountInput);
  });

  router.get('/__emulator/accounts/:appId', (ctx) => {
    ctx.body = emu.requireAccount(ctx.params.appId!);
  });

  router.patch('/__emulator/accounts/:appId', async (ctx) => {
    const next = patched(emu.requireAccount(ctx.params.appId!), await readControlJson(ctx));
    emu.replaceAccount(next);
    ctx.body = next;
  });

  router.delete('/__emulator/accounts/:appId', (ctx) => {
    emu.removeAccount(ctx.params.appId!);
    ctx.status = 204;
  });

  router.get('/__emulator/accounts/:appId/stats', (ctx) => {
    ctx.body = emu.stats(emu.requireAccount(ctx.params.appId!).appId);
  });

  router.get('/__emulator/accounts/:appId/callbacks', (ctx) => {
    ctx.body = { callbacks: emu.callbacks(emu.requireAccount(ctx.params.appId!).appId) };
  });

  router.post('/__emulator/clock', async (ctx) => {
    const { advanceSeconds } = await readControlJson(ctx);
    if (!(emu.clock instanceof ManualClock)) throw new ControlError(409, 'clock_not_manual', 'the emulator runs on the system clock');
    if (typeof advanceSeconds !== 'number' || !Number.isFinite(advanceSeconds) || advanceSeconds < 0) {
      throw new ControlError(400, 'invalid_clock', 'advanceSeconds must be a non-negative number');
    }
    emu.clock.advance(advanceSeconds * 1000);
    ctx.body = { now: emu.clock.now().toISOString(), nowSeconds: emu.nowSeconds() };
  });

  router.get('/__emulator/clock', (ctx) => {
    ctx.body = { now: emu.clock.now().toISOString(), nowSeconds: emu.nowSeconds(), manual: emu.clock instanceof ManualClock };
  });

  router.post('/__emulator/faults', async (ctx) => {
    ctx.status = 201;
    ctx.body = faults.add(await readControlJson(ctx));
  });

  router.get('/__emulator/faults', (ctx) => {
    ctx.body = { faults: faults.list() };
  });

  router.delete('/__emulator/faults', (ctx) => {
    faults.clear();
    ctx.status = 204;
  });
}
