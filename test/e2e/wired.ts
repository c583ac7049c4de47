import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { EncryptionMode, InboxItem } from '../../src/emulator';
import { ManualClock } from '../../src/shared/clock';
import { startEmulator, type StartedEmulator } from '../helpers/emulator';
import { ADMIN_TOKEN, NOW_SECONDS, startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { TEST_ACCOUNT } from '../helpers/wechat-client';

export interface Product {
  rt: TestRuntime;
  emulator: StartedEmulator;
  clock: ManualClock;
  /** The simulated follower does something; resolves with what the emulator reports. */
  act(openid: string, body: Record<string, unknown>): Promise<{ delivered: boolean; attempts: number; reply?: Record<string, unknown> }>;
  inbox(openid: string): Promise<InboxItem[]>;
  /** The admin API, authenticated. */
  api(): request.Agent;
  close(): Promise<void>;
}

/**
 * The whole product as a user runs it: the emulator plays WeChat (API and followers), our server
 * runs with the real handler map (auto-replies), both share the account and one manual clock.
 */
export async function startProduct(options: { mode?: EncryptionMode; env?: Record<string, string> } = {}): Promise<Product> {
  const mode = options.mode ?? 'safe';
  const clock = new ManualClock(NOW_SECONDS * 1000);
  const emulator = await startEmulator({ clock, accounts: [{ mode }] });
  const rt = await startTestRuntime({ env: { WECHAT_API_BASE: emulator.url, ...options.env } });
  rt.clock.set(clock.now());
  // One clock for both sides, as in real life.
  const sync = () => rt.clock.set(clock.now());
  await rt.accounts.create({ ...TEST_ACCOUNT, appSecret: emulator.account.secret, encryptionMode: mode });
  const server = http.createServer(rt.handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await fetch(`${emulator.url}/__emulator/accounts/${emulator.account.appId}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ webhookUrl: `http://127.0.0.1:${port}/wechat/${TEST_ACCOUNT.appId}` }),
  });
  const fans = `${emulator.url}/__emulator/accounts/${emulator.account.appId}/fans`;
  return {
    rt,
    emulator,
    clock,
    async act(openid, body) {
      sync();
      const res = await fetch(`${fans}/${openid}/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return (await res.json()) as { delivered: boolean; attempts: number; reply?: Record<string, unknown> };
    },
    async inbox(openid) {
      return ((await (await fetch(`${fans}/${openid}/inbox`)).json()) as { items: InboxItem[] }).items;
    },
    api: () => request.agent(rt.handler).set('authorization', `Bearer ${ADMIN_TOKEN}`),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await emulator.close();
      await rt.close();
    },
  };
}
