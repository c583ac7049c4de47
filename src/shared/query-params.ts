import { ValidationError } from './errors';
import type { FieldProblem } from './field-problems';

type Params = Record<string, string | string[] | undefined>;

/**
 * Reads a list endpoint's query string field by field and collects every problem, so one 400 names
 * them all. `done(what)` throws them together.
 */
export class QueryParams {
  private readonly problems: FieldProblem[] = [];

  constructor(private readonly params: Params) {}

  /** The value given once; an empty value counts as absent. */
  one(name: string): string | undefined {
    const v = this.params[name];
    if (Array.isArray(v)) return this.problem(name, 'give it once');
    return v === '' ? undefined : v;
  }

  /** ISO 8601 (a date is its UTC midnight) or unix seconds, as an ISO instant. */
  time(name: string): string | undefined {
    const v = this.one(name);
    if (v === undefined) return undefined;
    const ms = /^\d+$/.test(v) ? Number(v) * 1000 : Date.parse(v);
    return Number.isNaN(ms) ? this.problem(name, 'an ISO 8601 time or unix seconds') : new Date(ms).toISOString();
  }

  /** One of the allowed words. */
  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const v = this.one(name);
    if (v === undefined) return undefined;
    return (allowed as readonly string[]).includes(v) ? (v as T) : this.problem(name, `one of: ${allowed.join(', ')}`);
  }

  whole(name: string, min: number, max: number): number | undefined {
    const raw = this.one(name);
    if (raw === undefined) return undefined;
    const n = Number(raw);
    return /^\d+$/.test(raw) && n >= min && n <= max ? n : this.problem(name, `a whole number from ${min} to ${max}`);
  }

  problem(field: string, message: string): undefined {
    this.problems.push({ field, message });
    return undefined;
  }

  done(what: string): void {
    if (this.problems.length > 0) throw new ValidationError(`invalid ${what}`, this.problems);
  }
}
