/** The small toolkit rule-validation*.ts share: a problem list and checks that add to it and go on. */
export interface FieldProblem {
  field: string;
  message: string;
}

export type Raw = Record<string, unknown>;

export const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Length in characters as people count them (code points), so an emoji counts once. */
export const charLength = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

export class Problems {
  readonly list: FieldProblem[] = [];

  add(field: string, message: string): void {
    this.list.push({ field, message });
  }

  /** A string of 1..max characters (non-blank when min ≥ 1); absent when `optional`. */
  text(value: unknown, field: string, max: number, opts: { optional?: boolean; min?: number } = {}): void {
    const min = opts.min ?? 1;
    if (value === undefined && opts.optional) return;
    if (value === undefined) return this.add(field, 'is required');
    if (typeof value !== 'string') return this.add(field, 'must be a string');
    if (min > 0 && value.trim() === '') return this.add(field, 'must not be empty');
    if (charLength(value) > max) this.add(field, `must be at most ${max} characters`);
  }

  integer(value: unknown, field: string, min: number, max: number): void {
    if (typeof value !== 'number' || !Number.isInteger(value)) return this.add(field, 'must be an integer');
    if (value < min || value > max) this.add(field, `must be between ${min} and ${max}`);
  }

  /** An array of min..max items; returns the items to check one by one (none when not an array). */
  array(value: unknown, field: string, min: number, max: number): unknown[] {
    if (!Array.isArray(value)) {
      this.add(field, value === undefined ? 'is required' : 'must be an array');
      return [];
    }
    if (value.length < min) this.add(field, min === 1 ? 'must not be empty' : `must have at least ${min} items`);
    if (value.length > max) this.add(field, `must have at most ${max} items`);
    return value;
  }

  /** Reports keys outside `known` (a misspelt field is a problem, not something silently ignored). */
  unknownKeys(obj: Raw, known: readonly string[], prefix: string): void {
    for (const key of Object.keys(obj)) if (!known.includes(key)) this.add(prefix ? `${prefix}.${key}` : key, 'is not a known field');
  }

  oneOf(value: unknown, field: string, allowed: readonly string[]): boolean {
    if (typeof value === 'string' && allowed.includes(value)) return true;
    this.add(field, value === undefined ? 'is required' : `must be one of ${allowed.join(', ')}`);
    return false;
  }
}
