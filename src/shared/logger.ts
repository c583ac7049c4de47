import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Paths pino blanks out wherever they appear one or two levels deep. Secrets must never reach a log:
 * account credentials, tokens, the admin bearer header and the raw query of a webhook call
 * (its signature is a replayable credential for the timestamp window).
 */
const SECRET_KEYS = [
  'token', 'appSecret', 'encodingAESKey', 'secret', 'accessToken', 'access_token',
  'masterKey', 'adminToken', 'authorization', 'password', 'signature', 'msg_signature', 'msgSignature',
];

export const redactPaths = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((k) => `*.${k}`),
  'req.headers.authorization',
  'headers.authorization',
];

/** JSON logs to stdout for the server; CLI commands pass `toStderr` so their own output stays clean. */
export function createLogger(options: { level: string; toStderr?: boolean } = { level: 'info' }): Logger {
  return pino(
    { level: options.level, redact: { paths: redactPaths, censor: '[redacted]' }, base: { service: 'wxoa' } },
    pino.destination({ fd: options.toStderr ? 2 : 1, sync: true }),
  );
}

/** A logger that drops everything, for tests and CLI commands that print their own output. */
export const silentLogger: Logger = pino({ level: 'silent' });
