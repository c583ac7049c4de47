/**
 * The one error family. Only the HTTP error middleware turns these into responses
 * (`{"error":{"code","message","details"}}`); anything that is not an AppError is a bug
 * and answers 500 without leaking its message.
 */
export class AppError extends Error {
  constructor(
    /** Stable machine-readable code, e.g. `validation_failed`. */
    readonly code: string,
    message: string,
    /** HTTP status the edge should use. */
    readonly status: number = 500,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, details?: unknown) {
    super('validation_failed', message, 400, details);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string, details?: unknown) {
    super('not_found', message, 404, details);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, details?: unknown) {
    super('conflict', message, 409, details);
  }
}

export class AuthError extends AppError {
  constructor(message = 'a valid bearer token is required', code = 'unauthorized', status = 401) {
    super(code, message, status);
  }
}

export class ForbiddenError extends AuthError {
  constructor(message = 'this token may not do that') {
    super(message, 'forbidden', 403);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super('payload_too_large', `the body is larger than ${limitBytes} bytes`, 413, { limitBytes });
  }
}

export class ConfigError extends AppError {
  constructor(readonly problems: string[]) {
    super('config_invalid', `configuration is invalid:\n  - ${problems.join('\n  - ')}`, 500, { problems });
  }
}
