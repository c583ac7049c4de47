import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import { AppError, NotFoundError, ValidationError } from '../../shared/errors';
import { newMessageId } from '../messages';
import type { AutoReplyRule } from './auto-reply';
import type { AutoReplyRuleRepository, RuleChangeBus } from './auto-reply.ports';
import { convertConsoleRules, type ConsoleRules, type ConsoleSkip } from './console-import';
import { dryRun, type DryRunAccount, type DryRunResult } from './dry-run';
import { dryRunMessage } from './dry-run-request';
import { exportOrder, fieldProblems, MAX_RULES_PER_ACCOUNT, planImport, type ImportMode, type RuleFields } from './import-export';
import type { RulesCache } from './rules-cache';
import { validateRuleInput } from './rule-validation';

export interface AutoReplyServiceDeps {
  repo: AutoReplyRuleRepository;
  /** The account, or null when there is none (every route answers 404 for an unknown account). */
  account: (appId: string) => Promise<DryRunAccount | null>;
  bus: RuleChangeBus;
  cache: RulesCache;
  clock: Clock;
  /** The console's rules through get_current_autoreply_info; null when the account has no AppSecret. */
  consoleRules?: (appId: string) => Promise<ConsoleRules | null>;
  /** Rules per account; MAX_RULES_PER_ACCOUNT unless a deployment says otherwise. */
  maxRules?: number;
  newId?: () => string;
  /** For the dry run's random-one choice; tests fix it. */
  random?: () => number;
  /** Where a failed change notification is reported. */
  logger?: Logger;
}

export interface ImportResult {
  mode: ImportMode;
  created: number;
  updated: number;
  removed: number;
  total: number;
  /** The imported rules as saved, in the file's order (with their ids). */
  rules: AutoReplyRule[];
}

export interface ConsoleImportResult extends Partial<Omit<ImportResult, 'rules'>> {
  dryRun: boolean;
  /** The converted rules: as saved, or as they would be (without ids) on a dry run. */
  rules: Array<AutoReplyRule | RuleFields>;
  skipped: ConsoleSkip[];
}

/** Fields of a rule the operator may not set or change: the store and the clock own them. */
const FIXED = ['id', 'appId', 'createdAt', 'updatedAt'] as const;

/**
 * The operators' auto-reply rules per account: CRUD, bulk import/export, the dry run and the import
 * from the MP console. Every write publishes on the RuleChangeBus, so every instance drops its
 * compiled copy and the next message matches against the new rules.
 */
export class AutoReplyService {
  private readonly maxRules: number;

  constructor(private readonly deps: AutoReplyServiceDeps) {
    this.maxRules = deps.maxRules ?? MAX_RULES_PER_ACCOUNT;
  }

  async list(appId: string): Promise<AutoReplyRule[]> {
    await this.requireAccount(appId);
    return exportOrder(await this.deps.repo.listByAccount(appId));
  }

  async get(appId: string, id: string): Promise<AutoReplyRule> {
    await this.requireAccount(appId);
    return this.requireRule(appId, id);
  }

  async create(appId: string, input: unknown): Promise<AutoReplyRule> {
    await this.requireAccount(appId);
    const now = this.deps.clock.now();
    const given = fixedFields(asObject(input), 'create');
    const fields = this.validate(given.rest, now, given.problems);
    const count = (await this.deps.repo.listByAccount(appId)).length;
    if (count >= this.maxRules) {
      throw new AppError('rules_limit_reached', `an account may have at most ${this.maxRules} rules; remove some first`, 409, { limit: this.maxRules });
    }
    const stamp = now.toISOString();
    const rule: AutoReplyRule = { id: this.newId(), appId, ...fields, createdAt: stamp, updatedAt: stamp };
    await this.deps.repo.save(rule);
    await this.changed(appId);
    return rule;
  }

  /** PATCH: the given fields replace the rule's (trigger and replies whole), and the merged rule is validated again. */
  async update(appId: string, id: string, patch: unknown): Promise<AutoReplyRule> {
    await this.requireAccount(appId);
    const current = await this.requireRule(appId, id); // 404 before 400: nothing to validate against
    const now = this.deps.clock.now();
    const changes = fixedFields(asObject(patch), 'update', current);
    const { id: _id, appId: _appId, createdAt, updatedAt: _updatedAt, ...fields } = current;
    const next = this.validate({ ...fields, ...changes.rest }, now, changes.problems);
    const rule: AutoReplyRule = { id, appId, ...next, createdAt, updatedAt: now.toISOString() };
    await this.deps.repo.save(rule);
    await this.changed(appId);
    return rule;
  }

  async remove(appId: string, id: string): Promise<void> {
    await this.requireAccount(appId);
    if (!(await this.deps.repo.remove(appId, id))) throw ruleNotFound(appId, id);
    await this.changed(appId);
  }

  /** Bulk import, all or nothing (see planImport for ids and problems). */
  async importRules(appId: string, input: unknown, mode: ImportMode): Promise<ImportResult> {
    await this.requireAccount(appId);
    const now = this.deps.clock.now();
    const plan = planImport({
      appId, input, mode, existing: await this.deps.repo.listByAccount(appId), now: now.toISOString(),
      newId: () => this.newId(), validate: (fields) => this.validate(fields, now), limit: this.maxRules,
    });
    await this.deps.repo.replaceAll(appId, plan.rules);
    await this.changed(appId);
    return { mode, created: plan.created, updated: plan.updated, removed: plan.removed, total: plan.rules.length, rules: plan.imported };
  }

  /** Every rule of the account, whole and in a stable order; what importRules takes back. */
  async exportRules(appId: string): Promise<AutoReplyRule[]> {
    return this.list(appId);
  }

  /** The dry run: which rule answers this message, and the exact reply XML. Sends nothing. */
  async test(appId: string, body: unknown): Promise<DryRunResult> {
    const account = await this.requireAccount(appId);
    const { message, at } = dryRunMessage(body, account, this.deps.clock.now());
    return dryRun(await this.deps.cache.compiledFor(appId), message, account, at, this.deps.random);
  }

  /**
   * Imports the rules live in the MP console. What cannot be converted, or does not pass our
   * validation, is listed in `skipped` with the reason; the rest is saved (unless dryRun).
   */
  async importFromConsole(appId: string, options: { dryRun: boolean; mode: ImportMode }): Promise<ConsoleImportResult> {
    await this.requireAccount(appId);
    const info = this.deps.consoleRules ? await this.deps.consoleRules(appId) : null;
    if (!info) throw new AppError('app_secret_missing', 'reading the MP console rules needs the account\'s AppSecret; set it first', 409, { appId });
    const now = this.deps.clock.now();
    const { rules, skipped } = convertConsoleRules(info);
    const valid: RuleFields[] = [];
    for (const { source, fields } of rules) {
      try {
        valid.push(this.validate(fields as unknown as Record<string, unknown>, now));
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        for (const p of fieldProblems(err)) skipped.push({ source, ruleName: fields.name, reason: `not imported: ${p.field} ${p.message}` });
      }
    }
    if (options.dryRun) return { dryRun: true, rules: valid, skipped };
    const { rules: saved, ...counts } = await this.importRules(appId, valid, options.mode);
    return { dryRun: false, ...counts, rules: saved, skipped };
  }

  /** validateRuleInput, with problems found before it (fixed fields) reported in the same error. */
  private validate(fields: Record<string, unknown>, now: Date, earlier: Problem[] = []): RuleFields {
    const problems = [...earlier];
    let valid: RuleFields | undefined;
    try {
      valid = validateRuleInput(fields, { now });
    } catch (err) {
      if (!(err instanceof ValidationError) || problems.length === 0) throw err;
      problems.push(...fieldProblems(err));
    }
    if (problems.length > 0 || !valid) throw new ValidationError(`the rule is invalid: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, problems);
    return valid;
  }

  private newId(): string {
    return this.deps.newId ? this.deps.newId() : newMessageId(this.deps.clock.now().getTime());
  }

  private async changed(appId: string): Promise<void> {
    try {
      await this.deps.bus.publish(appId);
    } catch (err) {
      // The write has happened and this instance already dropped its copy; failing the request now
      // would tell the operator it had not. Other instances keep their copy until the next change
      // reaches them (or their subscription reconnects): hence an error in the log, not a warning.
      this.deps.logger?.error({ err, appId }, 'publishing an auto-reply rule change failed');
    }
  }

  private async requireAccount(appId: string): Promise<DryRunAccount> {
    const account = await this.deps.account(appId);
    if (!account) throw new NotFoundError(`no account with appId ${JSON.stringify(appId)}`, { appId });
    return account;
  }

  private async requireRule(appId: string, id: string): Promise<AutoReplyRule> {
    const rule = await this.deps.repo.get(appId, id);
    if (!rule) throw ruleNotFound(appId, id);
    return rule;
  }
}

function ruleNotFound(appId: string, id: string): NotFoundError {
  return new NotFoundError(`no auto-reply rule ${JSON.stringify(id)} in account ${appId}`, { appId, id });
}

function asObject(input: unknown): Record<string, unknown> {
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) return input as Record<string, unknown>;
  throw new ValidationError('the rule must be a JSON object', [{ field: '(input)', message: 'must be a JSON object' }]);
}

interface Problem {
  field: string;
  message: string;
}
interface Fixed {
  rest: Record<string, unknown>;
  problems: Problem[];
}

/** Splits off the fields we own. Sending one back unchanged is harmless (clients PATCH whole objects); changing it is a problem. */
function fixedFields(input: Record<string, unknown>, op: 'create' | 'update', current?: AutoReplyRule): Fixed {
  const rest = { ...input };
  const problems: Problem[] = [];
  for (const key of FIXED) {
    if (rest[key] === undefined) continue;
    if (op === 'create' || rest[key] !== current?.[key]) problems.push({ field: key, message: op === 'create' ? 'is assigned by the server' : 'cannot be changed' });
    delete rest[key];
  }
  return { rest, problems };
}
