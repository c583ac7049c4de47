import { z } from 'zod';
import { invalid, zodProblems, type FieldProblem } from '../../shared/field-problems';

/** Official-account types as WeChat distinguishes them (订阅号 / 服务号). */
export const accountTypes = ['subscription', 'service'] as const;
export type AccountType = (typeof accountTypes)[number];

/** 消息加解密方式: 明文 / 兼容 / 安全. */
export const encryptionModes = ['plaintext', 'compatible', 'safe'] as const;
export type EncryptionMode = (typeof encryptionModes)[number];

/** The credentials of an account; encrypted at rest and never returned by the admin API. */
export interface AccountSecrets {
  /** The callback Token set in the MP console (signs callbacks; not the access_token). */
  token: string;
  /** 43 characters; required in compatible and safe mode. */
  encodingAESKey: string | null;
  /** Needed for outbound API calls; not for the webhook. */
  appSecret: string | null;
}

/** The non-secret description of an account, as every view of it shares. */
export interface AccountProfile {
  appId: string;
  originalId: string | null;
  name: string;
  type: AccountType;
  verified: boolean;
  encryptionMode: EncryptionMode;
  timeZone: string;
  /** Calendar date YYYY-MM-DD, or null when unknown. */
  certificationExpiresAt: string | null;
  pushSchedule: PushSchedule;
  createdAt: string;
  updatedAt: string;
}

/** What may be shown to an operator: no secret, only whether each is set. */
export interface PublicAccount extends AccountProfile {
  hasEncodingAESKey: boolean;
  hasAppSecret: boolean;
}

/** An account with its secrets opened, for the webhook and API clients only. */
export type Account = AccountProfile & AccountSecrets;

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/**
 * When the account pushes, as its contract says: the mass-send slots of its day (HH:MM in its time
 * zone, sorted) and the cadence marks — a warning after `warnAfterDays` without a push, an alert
 * after `alertAfterDays` (contracts allow termination after 7 days without operation).
 */
export interface PushSchedule {
  slots: string[];
  warnAfterDays: number;
  alertAfterDays: number;
}

/** The agencies' usual slots (11:00, 15:00, 20:00) and marks (3 and 7 days). */
export const DEFAULT_PUSH_SCHEDULE: Readonly<PushSchedule> = Object.freeze({ slots: ['11:00', '15:00', '20:00'], warnAfterDays: 3, alertAfterDays: 7 });

// ---- Validation: every problem is reported at once, as `details: [{ field, message }]`. ----

/** Everything an operator sets on an account: the public fields plus the opened secrets. */
export type AccountData = Omit<Account, 'createdAt' | 'updatedAt'>;

export type { FieldProblem } from '../../shared/field-problems';

/** Compatible and safe mode both carry an `<Encrypt>` element, which cannot be opened without the key. */
export const requiresEncodingAESKey = (mode: EncryptionMode): boolean => mode !== 'plaintext';

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** YYYY-MM-DD that names a day that exists (rejects 2026-02-30, which Date would roll over). */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

// Messages never quote the value: several of these fields are secrets and errors reach logs and screens.
const text = (what: string) =>
  z.string({ error: (iss) => (iss.input === undefined || iss.input === null ? 'is required' : `must be ${what}`) });
const pattern = (re: RegExp, what: string) => text(what).regex(re, `must be ${what}`);

const fields = {
  appId: pattern(/^wx[0-9a-zA-Z]{16}$/, '"wx" followed by 16 letters or digits'),
  // WeChat writes the original ID in lower case in every callback's ToUserName; store it that way.
  originalId: pattern(/^gh_[0-9a-f]{12}$/i, '"gh_" followed by 12 hexadecimal digits').transform((s) => s.toLowerCase()),
  name: text('text')
    .trim()
    .min(1, 'must not be blank')
    .refine((s) => [...s].length <= 64, 'must be at most 64 characters'),
  type: z.enum(accountTypes, { error: `must be one of: ${accountTypes.join(', ')}` }),
  verified: z.boolean({ error: 'must be true or false' }),
  // The MP console only accepts 3–32 letters and digits for the callback Token.
  token: pattern(/^[A-Za-z0-9]{3,32}$/, '3 to 32 letters or digits'),
  encodingAESKey: pattern(/^[A-Za-z0-9]{43}$/, 'exactly 43 letters or digits'),
  appSecret: pattern(/^[0-9a-fA-F]{32}$/, '32 hexadecimal characters'),
  encryptionMode: z.enum(encryptionModes, { error: `must be one of: ${encryptionModes.join(', ')}` }),
  // Stored under its canonical spelling so slot and report code compare like with like.
  timeZone: text('an IANA time zone name such as Asia/Shanghai')
    .refine(isTimeZone, 'must be an IANA time zone name such as Asia/Shanghai')
    .transform((s) => new Intl.DateTimeFormat('en-US', { timeZone: s }).resolvedOptions().timeZone),
  certificationExpiresAt: text('a date YYYY-MM-DD').refine(isCalendarDate, 'must be a real date written YYYY-MM-DD'),
  // Given in part: the fields left out keep their current (or default) values; see withSchedule.
  pushSchedule: z.strictObject({
    slots: z
      .array(pattern(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time HH:MM (00:00–23:59)'), { error: 'must be a list of times HH:MM' })
      .min(1, 'must name at least one slot')
      .max(8, 'must name at most 8 slots')
      .refine((list) => new Set(list).size === list.length, 'must not name a slot twice')
      .transform((list) => [...list].sort()),
    warnAfterDays: z.int({ error: 'must be a whole number of days' }).min(1, 'must be at least 1').max(30, 'must be at most 30'),
    alertAfterDays: z.int({ error: 'must be a whole number of days' }).min(1, 'must be at least 1').max(60, 'must be at most 60'),
  }, { error: 'must be an object with slots, warnAfterDays and alertAfterDays' }).partial(),
};

// strictObject: a misspelt field is a problem, not something silently ignored.
const createSchema = z.strictObject({
  appId: fields.appId,
  originalId: fields.originalId.nullish(),
  name: fields.name,
  type: fields.type.default('subscription'),
  verified: fields.verified.default(false),
  token: fields.token,
  encodingAESKey: fields.encodingAESKey.nullish(),
  appSecret: fields.appSecret.nullish(),
  encryptionMode: fields.encryptionMode.default('plaintext'),
  timeZone: fields.timeZone.default(DEFAULT_TIME_ZONE),
  certificationExpiresAt: fields.certificationExpiresAt.nullish(),
  pushSchedule: fields.pushSchedule.optional(),
});

// Optional fields may be cleared with null; required ones may only be replaced.
const patchSchema = z.strictObject({
  appId: z.unknown().optional(),
  originalId: fields.originalId.nullish(),
  name: fields.name.optional(),
  type: fields.type.optional(),
  verified: fields.verified.optional(),
  token: fields.token.optional(),
  encodingAESKey: fields.encodingAESKey.nullish(),
  appSecret: fields.appSecret.nullish(),
  encryptionMode: fields.encryptionMode.optional(),
  timeZone: fields.timeZone.optional(),
  certificationExpiresAt: fields.certificationExpiresAt.nullish(),
  pushSchedule: fields.pushSchedule.optional(),
});

function fail(problems: FieldProblem[]): never {
  throw invalid('the account', problems);
}

type Raw = Record<string, unknown>;
const asRecord = (input: unknown): Raw =>
  (typeof input === 'object' && input !== null && !Array.isArray(input) ? input : {}) as Raw;

/**
 * Compatible/safe mode needs a key. Judged on the raw values over `base` so it is reported even when
 * other fields fail, and skipped when the mode or key is already flagged (one clear problem per field).
 */
function crossFieldProblems(raw: Raw, base: Pick<AccountData, 'encryptionMode' | 'encodingAESKey'>, flagged: FieldProblem[]): FieldProblem[] {
  if (flagged.some((p) => p.field === 'encodingAESKey' || p.field === 'encryptionMode' || p.field === '(input)')) return [];
  const mode = (raw.encryptionMode ?? base.encryptionMode) as EncryptionMode;
  const key = raw.encodingAESKey === undefined ? base.encodingAESKey : raw.encodingAESKey;
  if (!requiresEncodingAESKey(mode) || key) return [];
  return [{ field: 'encodingAESKey', message: `is required when encryptionMode is ${mode}` }];
}

/** Validates a new account (JSON as sent by the API or built by the CLI); throws ValidationError. */
export function parseNewAccount(input: unknown): AccountData {
  const result = createSchema.safeParse(input);
  const problems = result.success ? [] : zodProblems(result.error);
  problems.push(...crossFieldProblems(asRecord(input), { encryptionMode: 'plaintext', encodingAESKey: null }, problems));
  const pushSchedule = withSchedule(DEFAULT_PUSH_SCHEDULE, result.data?.pushSchedule, problems);
  if (!result.success || problems.length > 0) fail(problems);
  const d = result.data;
  return {
    ...d,
    pushSchedule,
    originalId: d.originalId ?? null,
    encodingAESKey: d.encodingAESKey ?? null,
    appSecret: d.appSecret ?? null,
    certificationExpiresAt: d.certificationExpiresAt ?? null,
  };
}

/**
 * Applies a PATCH to an account: absent fields stay, null clears an optional field, and the
 * cross-field rule is checked against the merged result (switching to safe mode needs a key).
 */
export function applyAccountPatch(current: AccountData, input: unknown): AccountData {
  const raw = asRecord(input);
  const result = patchSchema.safeParse(input);
  const problems = result.success ? [] : zodProblems(result.error);
  // Resending the same appId is harmless (clients often PATCH a whole object back); changing it is not.
  if (raw.appId !== undefined && raw.appId !== current.appId) problems.push({ field: 'appId', message: 'cannot be changed' });
  problems.push(...crossFieldProblems(raw, current, problems));
  const pushSchedule = withSchedule(current.pushSchedule, result.data?.pushSchedule, problems);
  if (!result.success || problems.length > 0) fail(problems);
  const { appId: _ignored, pushSchedule: _merged, ...patch } = result.data;
  const merged: AccountData = { ...current, pushSchedule };
  for (const [k, v] of Object.entries(patch)) {
    if (v !== undefined) (merged as unknown as Raw)[k] = v;
  }
  return merged;
}

/** The schedule with the given fields replaced; the alert must come after the warning. */
function withSchedule(base: Readonly<PushSchedule>, given: Partial<PushSchedule> | undefined, problems: FieldProblem[]): PushSchedule {
  const schedule = { ...base, slots: [...base.slots], ...given };
  if (schedule.alertAfterDays <= schedule.warnAfterDays && !problems.some((p) => p.field.startsWith('pushSchedule'))) {
    problems.push({ field: 'pushSchedule.alertAfterDays', message: `must be more than warnAfterDays (${schedule.warnAfterDays})` });
  }
  return schedule;
}

export function toPublicAccount(account: Account): PublicAccount {
  const { token: _token, encodingAESKey, appSecret, ...rest } = account;
  return { ...rest, hasEncodingAESKey: encodingAESKey !== null, hasAppSecret: appSecret !== null };
}
