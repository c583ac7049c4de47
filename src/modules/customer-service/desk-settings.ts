import { z } from 'zod';
import type { Clock } from '../../shared/clock';
import { definedOnly, distinct, invalid, parseOrThrow, textField, wholeNumber, type FieldProblem } from '../../shared/field-problems';
import { DEFAULT_DESK_SETTINGS, type DeskSettings } from './customer-service';
import type { DeskSettingsRepository } from './customer-service.ports';

/** AccountService fits: throws NotFoundError for an unknown account. */
export interface DeskAccounts {
  get(appId: string): Promise<unknown>;
}

export interface DeskSettingsServiceDeps {
  repo: DeskSettingsRepository;
  accounts: DeskAccounts;
  clock: Clock;
  /** Seals notifySecret at rest, as account secrets are (the master key's box); absent: stored as given (tests). */
  secrets?: { seal(plaintext: string): string; open(sealed: string): string };
}

const WHAT = 'the desk setup';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const time = z.string().regex(HH_MM, 'must be HH:MM (24-hour)');
/** Exact duplicates dropped, first occurrence kept: a keyword listed twice means nothing more. */

// A menu button's key is limited to 128 bytes by WeChat (protocol doc §5), so a longer one could never match.
const menuKey = z.string().min(1, 'must not be empty').refine((k) => Buffer.byteLength(k) <= 128, 'must be at most 128 bytes');

const skillGroupSchema = z.object({
  name: textField(32),
  keywords: z.array(textField(20)).max(50, 'must list at most 50 keywords').default([]).transform(distinct),
  tagIds: z.array(wholeNumber(0, 2 ** 31 - 1)).max(100, 'must list at most 100 tag ids').default([]).transform(distinct),
  menuKeys: z.array(menuKey).max(100, 'must list at most 100 menu keys').default([]).transform(distinct),
}).strict().refine((g) => g.keywords.length + g.tagIds.length + g.menuKeys.length > 0, {
  // A group nothing can select would never receive a conversation.
  message: 'needs at least one keyword, tag id or menu key',
});

const skillGroupsSchema = z.array(skillGroupSchema).max(20, 'must list at most 20 groups').superRefine((groups, ctx) => {
  const seen = new Set<string>();
  groups.forEach((g, i) => {
    // Agents name their groups (Agent.skills), so a name must say which group it is.
    if (seen.has(g.name)) ctx.addIssue({ code: 'custom', message: 'is already the name of another group', path: [i, 'name'] });
    seen.add(g.name);
  });
});

const businessHoursSchema = z.object({
  days: z.array(wholeNumber(0, 6)).min(1, 'must name at least one day (0 = Sunday … 6 = Saturday)')
    .refine((d) => new Set(d).size === d.length, 'must not name a day twice')
    .transform((d) => [...d].sort((a, b) => a - b)),
  start: time,
  end: time,
}).strict().refine(
  // Compared only once both are times: a malformed one is named above, not again here.
  (h) => !HH_MM.test(h.start) || !HH_MM.test(h.end) || h.start < h.end,
  { message: 'must be later than start', path: ['end'] },
);

/** A PATCH or PUT body: every field optional, an absent one keeps its value. */
export const deskSettingsPatchSchema = z.object({
  // Read-only fields a client may send back from a GET: appId must be the account's own, updatedAt is ignored.
  appId: z.string().optional(),
  updatedAt: z.string().optional(),
  // The API shows whether a notification secret is set instead of the secret itself.
  hasNotifySecret: z.boolean().optional(),
  enabled: z.boolean('must be true or false'),
  mode: z.enum(['desk', 'native'], 'must be desk or native'),
  strategy: z.enum(['round_robin', 'least_loaded', 'skills'], 'must be round_robin, least_loaded or skills'),
  skillGroups: skillGroupsSchema,
  handoffKeywords: z.array(textField(20)).max(20, 'must list at most 20 keywords').transform(distinct),
  handoffReply: textField(600).nullable(),
  slaMinutes: wholeNumber(1, 10_080),
  warnFraction: z.number().min(0.1, 'must be at least 0.1').max(0.99, 'must be at most 0.99'),
  businessHours: businessHoursSchema.nullable(),
  closeAfterMinutes: wholeNumber(10, 43_200),
  notifyUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2048, 'must be at most 2048 characters').nullable(),
  notifySecret: z.string().min(16, 'must be at least 16 characters').max(128, 'must be at most 128 characters').nullable(),
  cannedReplies: z.array(z.object({
    id: z.string().regex(/^[a-z0-9_-]{1,32}$/, 'must be 1 to 32 lower-case letters, digits, _ or -'),
    title: textField(32),
    text: textField(600),
  }).strict()).max(100, 'must list at most 100 replies').refine((list) => new Set(list.map((c) => c.id)).size === list.length, 'must not repeat an id'),
}).partial().strict();

export type DeskSettingsPatch = z.output<typeof deskSettingsPatchSchema>;

/** What an account without stored settings runs on. */
export function defaultDeskSettings(appId: string, updatedAt: string): DeskSettings {
  return { ...structuredClone(DEFAULT_DESK_SETTINGS), appId, updatedAt };
}

/**
 * The settings after a change, or a 400 naming every problem: the body's own, and those of the
 * settings as a whole (a skills strategy needs a group, whichever of the two the change touched).
 */
export function applyDeskSettingsPatch(current: DeskSettings, input: unknown, now: string): DeskSettings {
  const { appId, updatedAt: _ignored, hasNotifySecret: _shown, ...patch } = parseOrThrow(deskSettingsPatchSchema, input, WHAT);
  const next: DeskSettings = { ...current, ...definedOnly(patch), appId: current.appId, updatedAt: now };
  const problems: FieldProblem[] = [];
  if (appId !== undefined && appId !== current.appId) problems.push({ field: 'appId', message: `is ${current.appId}, the account in the path: it cannot be changed` });
  if (next.strategy === 'skills' && next.skillGroups.length === 0) {
    problems.push({ field: 'skillGroups', message: 'must list at least one group when the strategy is skills' });
  }
  if (problems.length > 0) throw invalid(WHAT, problems);
  return next;
}

/** Each account's customer-service settings, as operators read and change them. */
export class DeskSettingsService {
  constructor(private readonly deps: DeskSettingsServiceDeps) {}

  /** The stored settings, or the defaults (never stored until changed) for an account that has none. */
  async get(appId: string): Promise<DeskSettings> {
    await this.deps.accounts.get(appId);
    const stored = await this.deps.repo.get(appId);
    if (!stored) return defaultDeskSettings(appId, this.now());
    const { secrets } = this.deps;
    return secrets && stored.notifySecret !== null ? { ...stored, notifySecret: secrets.open(stored.notifySecret) } : stored;
  }

  /**
   * A partial change: fields the body leaves out keep their value. Last writer wins (operators edit
   * settings rarely and by hand; the port has no compare-and-set).
   */
  async update(appId: string, input: unknown): Promise<DeskSettings> {
    const current = await this.get(appId);
    const next = applyDeskSettingsPatch(current, input, this.now());
    const { secrets } = this.deps;
    await this.deps.repo.save(secrets && next.notifySecret !== null ? { ...next, notifySecret: secrets.seal(next.notifySecret) } : next);
    return next;
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}

