import type { ManualClock } from '../../src/shared/clock';
import { createEmulator, type EmulatorAccount, type EmulatorContext } from '../../src/emulator';

/** The account of the shared protocol vectors (§1.6), so signatures in tests can be checked by hand. */
export const EMULATOR_ACCOUNT: EmulatorAccount = {
  appId: 'wxb11529c136998cb6',
  secret: '0123456789abcdef0123456789abcdef',
  type: 'service',
  verified: true,
  originalId: 'gh_0123456789ab',
  wechatId: 'wxoa_test',
  token: 'pamtest',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  mode: 'plaintext',
  webhookUrl: null,
};

export interface StartedEmulator {
  url: string;
  emu: EmulatorContext;
  /** The first account (the default one unless `accounts[0]` says otherwise). */
  account: EmulatorAccount;
  close(): Promise<void>;
}

/**
 * An emulator on 127.0.0.1 and an ephemeral port. `accounts[0]` overrides fields of the default
 * account (appId included); further entries need their own appId (a generated one otherwise).
 */
export async function startEmulator(options: {
  accounts?: Array<Partial<EmulatorAccount> & { appId?: string }>;
  clock?: ManualClock;
  tokenTtlSeconds?: number;
  webhookTimeoutMs?: number;
} = {}): Promise<StartedEmulator> {
  const given = options.accounts && options.accounts.length > 0 ? options.accounts : [{}];
  const accounts = given.map((a, i) => (i === 0
    ? { ...EMULATOR_ACCOUNT, ...a }
    : { ...a, appId: a.appId ?? `wx${(0x1000_0000_0000_0000n + BigInt(i)).toString(16).slice(0, 16)}` }));
  const { emu, listen } = createEmulator({
    clock: options.clock,
    accounts,
    tokenTtlSeconds: options.tokenTtlSeconds,
    webhookTimeoutMs: options.webhookTimeoutMs,
  });
  const running = await listen(0, '127.0.0.1');
  return { url: running.url, emu, account: emu.account(accounts[0]!.appId)!, close: running.close };
}
