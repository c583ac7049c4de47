import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Router from '@koa/router';
import Koa from 'koa';
import { systemClock, type Clock } from '../../shared/clock';
import { groups } from '../groups';
import type { AccountInput } from './accounts';
import { Emulator } from './context';
import type { EmulatorContext } from './contract';
import { registerControlRoutes } from './control-routes';
import { errorMiddleware, notFound } from './errors';
import { registerFanRoutes } from './fan-routes';
import { FaultBook } from './faults';
import { registerTokenRoutes } from './token-routes';

export interface EmulatorOptions {
  clock?: Clock;
  accounts?: AccountInput[];
  /** Lifetime of issued access tokens; WeChat's is 7200. */
  tokenTtlSeconds?: number;
  /** How long a callback waits for the webhook per attempt; WeChat's is 5000. */
  webhookTimeoutMs?: number;
}

export interface RunningEmulator {
  url: string;
  close(): Promise<void>;
}

export interface EmulatorApp {
  app: Koa;
  /** The full implementation; `EmulatorContext` is what groups see. */
  emu: Emulator & EmulatorContext;
  listen(port?: number, host?: string): Promise<RunningEmulator>;
}

/**
 * The WeChat platform emulator: WeChat's API (tokens + every group in ../groups), the control API
 * (/__emulator/*) and the simulated followers. Never listens until asked to.
 */
export function createEmulator(options: EmulatorOptions = {}): EmulatorApp {
  const emu = new Emulator(options.clock ?? systemClock, {
    tokenTtlSeconds: options.tokenTtlSeconds ?? 7200,
    webhookTimeoutMs: options.webhookTimeoutMs ?? 5000,
  });
  for (const account of options.accounts ?? []) emu.addAccount(account);

  const faults = new FaultBook();
  const router = new Router();
  registerTokenRoutes(router, emu);
  registerControlRoutes(router, emu, faults);
  registerFanRoutes(router, emu);
  for (const register of groups) register(router, emu);

  const app = new Koa();
  // Emulator bugs land in the test output instead of vanishing; the client still sees errcode -1.
  app.on('error', (err: Error) => process.stderr.write(`emulator: ${err.stack ?? err.message}\n`));
  app.use(errorMiddleware);
  app.use(faults.middleware());
  app.use(router.routes());
  app.use(router.allowedMethods());
  app.use(async (ctx, next) => {
    await next();
    if (ctx.body === undefined && ctx.status === 404) notFound(ctx);
  });

  return {
    app,
    emu,
    listen: (port = 0, host = '127.0.0.1') => listen(app, port, host),
  };
}

async function listen(app: Koa, port: number, host: string): Promise<RunningEmulator> {
  const server = http.createServer(app.callback());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((err) => (err ? reject(err) : resolve()));
    }),
  };
}
