import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseMasterKey } from '../modules/accounts/secret-box';
import { AppError } from '../shared/errors';
import type { Logger } from '../shared/logger';

export const MASTER_KEY_FILE_NAME = 'master.key';

export interface MasterKeyOptions {
  /** WXOA_MASTER_KEY, when the operator set one: it always wins over the file. */
  configured?: string;
  dataDir: string;
  logger: Logger;
}

/**
 * The key that seals account secrets at rest. Zero set-up: without WXOA_MASTER_KEY the first start
 * generates one into DATA_DIR/master.key (0600). Losing that file makes stored secrets unreadable,
 * hence the loud log line telling the operator where it is. The key itself is never logged.
 */
export function loadOrCreateMasterKey(opts: MasterKeyOptions): Buffer {
  if (opts.configured !== undefined && opts.configured.trim() !== '') return parseMasterKey(opts.configured);

  const file = path.join(opts.dataDir, MASTER_KEY_FILE_NAME);
  const existing = readKeyFile(file, opts.logger);
  if (existing) return existing;

  fs.mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  if (!publishOnce(file, `${key.toString('hex')}\n`)) {
    // Another process started at the same moment and won the race: use its key, not ours.
    const theirs = readKeyFile(file, opts.logger);
    if (!theirs) throw new AppError('master_key_invalid', `${file} vanished while it was being created`, 500);
    return theirs;
  }
  opts.logger.warn(
    { file },
    'generated a new master key for secrets at rest; back this file up (or set WXOA_MASTER_KEY): without it stored account secrets cannot be read',
  );
  return key;
}

function readKeyFile(file: string, logger: Logger): Buffer | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const mode = fs.statSync(file).mode & 0o777;
  // Stricter than 0600 (e.g. 0400) is fine; readable by group or others is not.
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    logger.warn({ file, mode: mode.toString(8) }, 'the master key file is readable by other users; run chmod 600 on it');
  }
  return parseMasterKey(text);
}

/**
 * Writes the whole file under a private name, then hard-links it into place: link() fails with
 * EEXIST when the name is taken, so two processes cannot both publish a key and nobody ever reads
 * a half-written file. Returns false when another process got there first.
 */
function publishOnce(file: string, content: string): boolean {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, content, { flag: 'wx', mode: 0o600 });
  try {
    fs.linkSync(tmp, file);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw err;
    // File systems without hard links: 'wx' still refuses to overwrite another process's key.
    return writeExclusive(file, content);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

function writeExclusive(file: string, content: string): boolean {
  try {
    fs.writeFileSync(file, content, { flag: 'wx', mode: 0o600 });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}
