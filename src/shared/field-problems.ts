import { z } from 'zod';
import { ValidationError } from './errors';

/**
 * One problem with one field of a request body. Every 400 of the admin API carries the full list as
 * `details: [{ field, message }]`, so a form can mark each field at once.
 */
export interface FieldProblem {
  field: string;
  message: string;
}

/** A zod failure as field problems: unknown keys one by one, a non-object body as `(input)`. */
export function zodProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.flatMap((issue): FieldProblem[] => {
    if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => ({ field: [...issue.path, k].join('.'), message: 'is not a known field' }));
    if (issue.path.length === 0) return [{ field: '(input)', message: issue.code === 'invalid_type' ? 'must be a JSON object' : issue.message }];
    return [{ field: issue.path.join('.'), message: issue.message }];
  });
}

/** A 400 listing every problem: `<what> is invalid: field message; …`. */
export function invalid(what: string, problems: FieldProblem[]): ValidationError {
  return new ValidationError(`${what} is invalid: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, problems);
}

/** The input as the schema reads it, or a 400 naming every problem. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw invalid(what, zodProblems(result.error));
}

/** A text field of 1..max characters (trimmed), with messages a form can show as they are. */
export function textField(max: number) {
  return z
    .string({ error: (issue) => (issue.input === undefined || issue.input === null ? 'is required' : 'must be text') })
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`);
}

/** A whole number in [min, max], with messages a form can show as they are. */
export function wholeNumber(min: number, max: number) {
  return z.number().int('must be a whole number').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);
}

/** A list with repeats dropped, first occurrence first: for a schema's `.transform`. */
export const distinct = <T>(items: T[]): T[] => [...new Set(items)];

/** A patch without the fields it leaves out (undefined), so spreading it over a record keeps their values. */
export function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}
