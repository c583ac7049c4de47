import type { ApiCaller } from '../../../src/wechat-api/caller';
import { ManualClock } from '../../../src/shared/clock';
import { apiClientFor } from '../../helpers/api-client';
import { startEmulator, type StartedEmulator } from '../../helpers/emulator';

/** 2026-03-10 12:00 in Shanghai. */
export const START = Date.UTC(2026, 2, 10, 4, 0, 0);

/**
 * The emulator and our real client against it, with the client's calls counted by path so tests
 * can check how many calls paging and chunking made.
 */
export async function audienceSetup(): Promise<{
  emulator: StartedEmulator;
  clock: ManualClock;
  caller: ApiCaller;
  calls: { path: string; query?: Record<string, unknown>; body?: unknown }[];
  seed(count: number): Promise<string[]>;
}> {
  const clock = new ManualClock(START);
  const emulator = await startEmulator({ clock });
  const client = apiClientFor(emulator.url, emulator.account.appId, emulator.account.secret, { clock });
  const calls: { path: string; query?: Record<string, unknown>; body?: unknown }[] = [];
  const caller: ApiCaller = {
    get: (path, query) => (calls.push({ path, query }), client.get(path, query)),
    post: (path, body, query) => (calls.push({ path, body, query }), client.post(path, body, query)),
    upload: (...args) => client.upload(...args),
    download: (...args) => client.download(...args),
  };
  const seed = async (count: number): Promise<string[]> => {
    const res = await fetch(`${emulator.url}/__emulator/accounts/${emulator.account.appId}/fans`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ count }),
    });
    if (res.status !== 201) throw new Error(`seeding failed: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { openids: string[] }).openids;
  };
  return { emulator, clock, caller, calls, seed };
}
