import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HandlerMap } from '../../../src/modules/webhook';
import type { EncryptionMode, InboxItem } from '../../../src/emulator';
import type { SimulationResult } from '../../../src/emulator/core/simulated-follower';
import { ManualClock } from '../../../src/shared/clock';
import { startEmulator, type StartedEmulator } from '../../helpers/emulator';
import { NOW_SECONDS, startTestRuntime, type TestRuntime } from '../../helpers/runtime';
import { TEST_ACCOUNT } from '../../helpers/wechat-client';

export interface Wired {
  rt: TestRuntime;
  emulator: StartedEmulator;
  /** POSTs our webhook received (the emulator's attempts). */
  webhookPosts: () => number;
  act(openid: string, body: Record<string, unknown>): Promise<{ status: number; body: SimulationResult }>;
  inbox(openid: string): Promise<InboxItem[]>;
  close(): Promise<void>;
}

/**
 * Our own server (a full runtime on an ephemeral port) and the emulator, wired as in production:
 * the emulator's account points its webhookUrl at our /wechat/:appId, both sides share the
 * account's token, key and mode, and both clocks start at the same instant.
 */
export async function wire(options: { mode: EncryptionMode; handlers: HandlerMap; env?: Record<string, string>; webhookTimeoutMs?: number }): Promise<Wired> {
  const rt = await startTestRuntime({ handlers: options.handlers, env: options.env });
  await rt.accounts.create({ ...TEST_ACCOUNT, encryptionMode: options.mode });
  let posts = 0;
  const server = http.createServer((req, res) => {
    if (req.method === 'POST' && req.url?.startsWith('/wechat/')) posts += 1;
    rt.handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const emulator = await startEmulator({
    clock: new ManualClock(NOW_SECONDS * 1000),
    webhookTimeoutMs: options.webhookTimeoutMs,
    accounts: [{ mode: options.mode, webhookUrl: `http://127.0.0.1:${port}/wechat/${TEST_ACCOUNT.appId}` }],
  });
  const fans = `${emulator.url}/__emulator/accounts/${emulator.account.appId}/fans`;
  return {
    rt,
    emulator,
    webhookPosts: () => posts,
    async act(openid, body) {
      const res = await fetch(`${fans}/${openid}/messages`, { method: 'POST', body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as SimulationResult };
    },
    async inbox(openid) {
      return ((await (await fetch(`${fans}/${openid}/inbox`)).json()) as { items: InboxItem[] }).items;
    },
    async close() {
      await emulator.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rt.close();
    },
  };
}
