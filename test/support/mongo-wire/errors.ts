import { MingoError } from 'mingo/util';

/**
 * Errors of the in-process MongoDB wire server (test support only; not MongoDB). A CommandError
 * becomes `{ ok: 0, errmsg, code, codeName }`, or a `writeErrors` entry inside a write command's reply.
 */
export class CommandError extends Error {
  constructor(
    readonly code: number,
    readonly codeName: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'CommandError';
  }

  toReply(): Record<string, unknown> {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
  }

  toWriteError(index: number): Record<string, unknown> {
    return { index, code: this.code, errmsg: this.message, ...this.extra };
  }
}

/** Maps anything thrown while running a command (mingo throws plain errors) onto a CommandError. */
export function toCommandError(err: unknown): CommandError {
  if (err instanceof CommandError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (/immutable field/.test(message)) return new CommandError(66, 'ImmutableField', message);
  if (/would create a conflict/.test(message)) return new CommandError(40, 'ConflictingUpdateOperators', message);
  if (err instanceof MingoError) return new CommandError(2, 'BadValue', message);
  return new CommandError(1, 'InternalError', message);
}

export const badValue = (message: string): CommandError => new CommandError(2, 'BadValue', message);
export const failedToParse = (message: string): CommandError => new CommandError(9, 'FailedToParse', message);
