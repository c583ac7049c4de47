import fs from 'node:fs';
import { AppError, ValidationError } from '../shared/errors';

/** A JSON file an operator names (rules, menu draft, campaign content): a missing file or bad JSON is a clear 4xx-style error. */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new AppError('file_unreadable', `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`, 400);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ValidationError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
}
