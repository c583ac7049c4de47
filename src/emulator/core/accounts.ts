import type { AccountType, EmulatorAccount, EncryptionMode } from './contract';
import { ControlError } from './errors';

export type AccountInput = Partial<EmulatorAccount> & { appId: string };

/** The same rule as our own accounts module (wx + 16 letters or digits); real ones are lowercase hex. */
const APP_ID = /^wx[0-9A-Za-z]{16}$/;
const AES_KEY = /^[A-Za-z0-9]{43}$/;
const TYPES: AccountType[] = ['subscription', 'service'];
const MODES: EncryptionMode[] = ['plaintext', 'compatible', 'safe'];

/**
 * Fills the defaults of an emulated account. The secret, token and AES key default to values
 * derived from the appId so a bare `--account wx…` is usable, and a verified service account is
 * the default because it may call every API.
 */
export function withDefaults(input: AccountInput): EmulatorAccount {
  const { appId } = input;
  const suffix = appId.slice(-6);
  const account: EmulatorAccount = {
    appId,
    secret: input.secret ?? `${appId}secret`.padEnd(32, '0').slice(0, 32),
    type: input.type ?? 'service',
    verified: input.verified ?? true,
    originalId: input.originalId ?? `gh_${appId.slice(-12)}`,
    wechatId: input.wechatId ?? `wxoa_${suffix}`,
    token: input.token ?? `token${suffix}`,
    encodingAESKey: input.encodingAESKey === undefined ? null : input.encodingAESKey,
    mode: input.mode ?? 'plaintext',
    webhookUrl: input.webhookUrl ?? null,
  };
  validate(account);
  return account;
}

/** Applies a PATCH: only the given fields change, the appId never does. */
export function patched(current: EmulatorAccount, patch: Record<string, unknown>): EmulatorAccount {
  const next = { ...current } as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'appId') {
      if (value !== current.appId) throw new ControlError(400, 'invalid_account', 'appId cannot change');
      continue;
    }
    if (!(key in current)) throw new ControlError(400, 'invalid_account', `unknown account field ${key}`);
    next[key] = value;
  }
  const account = next as unknown as EmulatorAccount;
  validate(account);
  return account;
}

function validate(a: EmulatorAccount): void {
  const problems: string[] = [];
  if (typeof a.appId !== 'string' || !APP_ID.test(a.appId)) problems.push('appId must be wx + 16 letters or digits');
  for (const key of ['secret', 'originalId', 'wechatId', 'token'] as const) {
    if (typeof a[key] !== 'string' || a[key] === '') problems.push(`${key} must be a non-empty string`);
  }
  if (!TYPES.includes(a.type)) problems.push(`type must be one of ${TYPES.join(', ')}`);
  if (typeof a.verified !== 'boolean') problems.push('verified must be a boolean');
  if (!MODES.includes(a.mode)) problems.push(`mode must be one of ${MODES.join(', ')}`);
  if (a.encodingAESKey !== null && (typeof a.encodingAESKey !== 'string' || !AES_KEY.test(a.encodingAESKey))) {
    problems.push('encodingAESKey must be 43 characters from [A-Za-z0-9] (or null)');
  }
  // The console refuses compatible/safe mode without a key, so the emulator does too.
  if (a.mode !== 'plaintext' && a.encodingAESKey === null) problems.push(`mode ${a.mode} needs an encodingAESKey`);
  if (a.webhookUrl !== null && (typeof a.webhookUrl !== 'string' || !/^https?:\/\//.test(a.webhookUrl))) {
    problems.push('webhookUrl must be an http(s) URL (or null)');
  }
  if (problems.length > 0) throw new ControlError(400, 'invalid_account', `account ${String(a.appId)}: ${problems.join('; ')}`);
}
