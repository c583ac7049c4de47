import { ValidationError } from '../../shared/errors';
import type { AutoReplyRule } from './auto-reply';

/** What an operator sets on a rule; the rest (id, account, timestamps) is ours. */
export type RuleFields = Omit<AutoReplyRule, 'id' | 'appId' | 'createdAt' | 'updatedAt'>;

/** replace: the file becomes the account's rules; append: the file's rules join the existing ones. */
export const importModes = ['replace', 'append'] as const;
export type ImportMode = (typeof importModes)[number];

/**
 * Far beyond the MP console's 200 keyword rules, still small enough to compile in milliseconds and
 * to hold every account's index in memory. Counted over all of an account's rules, of every kind.
 */
export const MAX_RULES_PER_ACCOUNT = 10_000;

/** One problem of a bulk import, pointing at the rule by its position in the file (0-based). */
export interface ImportProblem {
  index: number | null;
  field: string;
  message: string;
}

export interface ImportPlan {
  /** The account's rules after the import, in order. */
  rules: AutoReplyRule[];
  /** The rules of the file as they will be saved, in the file's order. */
  imported: AutoReplyRule[];
  created: number;
  updated: number;
  removed: number;
}

export interface PlanImportInput {
  appId: string;
  /** The parsed file: an array of rules, or an export-like object `{ rules: [...] }`. */
  input: unknown;
  existing: readonly AutoReplyRule[];
  mode: ImportMode;
  now: string;
  newId: () => string;
  /** Validates one rule's fields; throws ValidationError with `[{ field, message }]` details. */
  validate: (fields: Record<string, unknown>) => RuleFields;
  limit?: number;
}

/** Fields an export carries that are ours, not the operator's: never validated, never taken as given. */
const OURS = ['id', 'appId', 'createdAt', 'updatedAt'] as const;

/**
 * Plans a bulk import, all or nothing: every rule is validated and every problem is reported with
 * its index before anything is written. A rule's `id` is kept when it names a rule of this account
 * (that rule is then replaced, keeping its age for tie-breaking); any other id is ignored and the
 * rule gets a new one — ids are unique across accounts, so copying an export to another account
 * must not collide.
 */
export function planImport(p: PlanImportInput): ImportPlan {
  const items = itemsOf(p.input);
  const problems: ImportProblem[] = [];
  const existingById = new Map(p.existing.map((r) => [r.id, r]));
  const seen = new Map<string, number>();
  const imported: AutoReplyRule[] = [];
  items.forEach((item, index) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problems.push({ index, field: '(rule)', message: 'must be a JSON object' });
      return;
    }
    const { id, fields } = split(item as Record<string, unknown>);
    if (id !== undefined && seen.has(id)) {
      problems.push({ index, field: 'id', message: `repeats the id of rule #${seen.get(id)}` });
    }
    if (id !== undefined) seen.set(id, index);
    try {
      const valid = p.validate(fields);
      const previous = id === undefined ? undefined : existingById.get(id);
      imported.push({ id: previous ? previous.id : p.newId(), appId: p.appId, ...valid, createdAt: previous?.createdAt ?? p.now, updatedAt: p.now });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      problems.push(...fieldProblems(err).map((f) => ({ index, ...f })));
    }
  });
  if (problems.length > 0) fail(problems, items.length);
  const rules = p.mode === 'replace' ? imported : merge(p.existing, imported);
  const limit = p.limit ?? MAX_RULES_PER_ACCOUNT;
  if (rules.length > limit) {
    fail([{ index: null, field: '(rules)', message: `an account may have at most ${limit} rules; this import would leave ${rules.length}` }], items.length);
  }
  const updated = imported.filter((r) => existingById.has(r.id)).length;
  return { rules, imported, created: imported.length - updated, updated, removed: p.mode === 'replace' ? p.existing.length - updated : 0 };
}

/** The export: every rule of the account, whole, oldest first (ids break ties), so diffs stay readable. */
export function exportOrder(rules: readonly AutoReplyRule[]): AutoReplyRule[] {
  return [...rules].sort((a, b) => (a.createdAt === b.createdAt ? cmp(a.id, b.id) : cmp(a.createdAt, b.createdAt)));
}

/** The `[{ field, message }]` of a ValidationError, or one problem carrying its message. */
export function fieldProblems(err: ValidationError): { field: string; message: string }[] {
  if (Array.isArray(err.details)) {
    return (err.details as { field?: unknown; message?: unknown }[]).map((d) => ({ field: String(d.field ?? '(rule)'), message: String(d.message ?? err.message) }));
  }
  return [{ field: '(rule)', message: err.message }];
}

function itemsOf(input: unknown): unknown[] {
  if (Array.isArray(input)) return input;
  const rules = (input as { rules?: unknown } | null)?.rules;
  if (typeof input === 'object' && input !== null && Array.isArray(rules)) return rules;
  throw new ValidationError('the import must be a JSON array of rules (or an object with a "rules" array)', [
    { index: null, field: '(input)', message: 'must be a JSON array of rules' },
  ]);
}

function split(item: Record<string, unknown>): { id: string | undefined; fields: Record<string, unknown> } {
  const fields = { ...item };
  for (const key of OURS) delete fields[key];
  return { id: typeof item.id === 'string' && item.id !== '' ? item.id : undefined, fields };
}

/** Append keeps the existing order; a rule the file replaces stays where it was. */
function merge(existing: readonly AutoReplyRule[], imported: AutoReplyRule[]): AutoReplyRule[] {
  const replacing = new Map(imported.map((r) => [r.id, r]));
  const kept = existing.map((r) => replacing.get(r.id) ?? r);
  const known = new Set(existing.map((r) => r.id));
  return [...kept, ...imported.filter((r) => !known.has(r.id))];
}

function fail(problems: ImportProblem[], count: number): never {
  const shown = problems.slice(0, 5).map((p) => `${p.index === null ? '' : `#${p.index} `}${p.field} ${p.message}`);
  const more = problems.length > shown.length ? `; and ${problems.length - shown.length} more` : '';
  throw new ValidationError(`nothing was imported: ${problems.length} problem(s) in ${count} rule(s): ${shown.join('; ')}${more}`, problems);
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
