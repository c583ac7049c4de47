import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmulatorAccount } from '../../../src/emulator';
import { ManualClock } from '../../../src/shared/clock';
import { MessageCipher, parseXml } from '../../../src/wechat';
import type { WeChatApiClient } from '../../../src/wechat-api/client';
import { apiClientFor } from '../../helpers/api-client';
import { startEmulator, type StartedEmulator } from '../../helpers/emulator';

/** 2026-01-01 11:00 Beijing. */
export const START = Date.UTC(2026, 0, 1, 3, 0, 0);

export interface ReceivedCallback {
  query: URLSearchParams;
  /** The callback's fields, decrypted when the account is in compatible/safe mode. */
  fields: Record<string, unknown>;
}

/**
 * A tiny webhook standing in for our server: it records every callback the emulator pushes
 * (MASSSENDJOBFINISH, PUBLISHJOBFINISH …), opening the Encrypt envelope when there is one, and
 * answers "success" as a server that has nothing to reply does.
 */
export async function startWebhook(decrypt?: { encodingAESKey: string; appId: string }) {
  const received: ReceivedCallback[] = [];
  const cipher = decrypt ? new MessageCipher(decrypt.encodingAESKey, decrypt.appId) : null;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const outer = parseXml(Buffer.concat(chunks).toString('utf8'));
      const fields = cipher && typeof outer.Encrypt === 'string' ? parseXml(cipher.decrypt(outer.Encrypt)) : outer;
      received.push({ query: new URL(req.url ?? '/', 'http://x').searchParams, fields });
      res.end('success');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/wechat/hook`,
    received,
    /** The callbacks of one Event, waiting (real time, briefly) until `count` have arrived. */
    async events(event: string, count = 1, timeoutMs = 3000): Promise<Record<string, unknown>[]> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const matching = received.map((r) => r.fields).filter((f) => f.Event === event);
        if (matching.length >= count || Date.now() > deadline) return matching;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type Webhook = Awaited<ReturnType<typeof startWebhook>>;

export interface PublishingSetup {
  emulator: StartedEmulator;
  webhook: Webhook;
  clock: ManualClock;
  client: WeChatApiClient;
  close(): Promise<void>;
}

/** The emulator on a manual clock with its first account's webhook pointing at a local recorder, and our client. */
export async function publishingSetup(account: Partial<EmulatorAccount> = {}): Promise<PublishingSetup> {
  const clock = new ManualClock(START);
  const appId = account.appId ?? 'wxb11529c136998cb6';
  const webhook = await startWebhook(account.encodingAESKey ? { encodingAESKey: account.encodingAESKey, appId } : undefined);
  const emulator = await startEmulator({ clock, accounts: [{ ...account, webhookUrl: webhook.url }] });
  const client = apiClientFor(emulator.url, emulator.account.appId, emulator.account.secret, { clock });
  return {
    emulator,
    webhook,
    clock,
    client,
    close: async () => {
      await emulator.close();
      await webhook.close();
    },
  };
}

/** Followers for the first account, optionally carrying tags. */
export function follow(setup: PublishingSetup, openids: string[], tagIds: number[] = []): void {
  const appId = setup.emulator.account.appId;
  for (const openid of openids) setup.emulator.emu.follow(appId, openid).tagIds.push(...tagIds);
}

/** Real-time wait for the emulator's asynchronous jobs (they run on setImmediate, not on the clock). */
export async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the emulator');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
