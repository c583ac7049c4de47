import fs from 'node:fs';
import { Command } from 'commander';
import { createEmulator, type AccountInput, type RunningEmulator } from '../emulator';
import { ControlError } from '../emulator/core/errors';
import { ValidationError } from '../shared/errors';
import { processIo, type CliIo } from './account';

interface EmulatorFileConfig {
  accounts?: AccountInput[];
  tokenTtlSeconds?: number;
  webhookTimeoutMs?: number;
}

/** `--account appId:secret[:webhookUrl]`; the URL keeps its own colons. */
export function parseAccountFlag(value: string, previous: AccountInput[] = []): AccountInput[] {
  const first = value.indexOf(':');
  if (first <= 0) throw new ValidationError(`--account ${value}: expected <appId>:<secret>[:<webhookUrl>]`);
  const second = value.indexOf(':', first + 1);
  const appId = value.slice(0, first);
  const secret = second === -1 ? value.slice(first + 1) : value.slice(first + 1, second);
  const webhookUrl = second === -1 ? undefined : value.slice(second + 1);
  if (secret === '') throw new ValidationError(`--account ${value}: the secret is empty`);
  return [...previous, { appId, secret, ...(webhookUrl ? { webhookUrl } : {}) }];
}

export function readConfigFile(file: string): EmulatorFileConfig {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ValidationError(`--config ${file}: ${(err as Error).message}`);
  }
  // A bare array is a list of accounts; an object may also set the TTL and the webhook timeout.
  if (Array.isArray(parsed)) return { accounts: parsed as AccountInput[] };
  if (parsed === null || typeof parsed !== 'object') throw new ValidationError(`--config ${file}: expected a JSON object or array`);
  return parsed as EmulatorFileConfig;
}

/** A bad account from a flag or the file is the operator's input error (exit 2), not a crash. */
function withValidation<T>(build: () => T): T {
  try {
    return build();
  } catch (err) {
    if (err instanceof ControlError) throw new ValidationError(err.message);
    throw err;
  }
}

export interface EmulatorFlags {
  port: string;
  host: string;
  config?: string;
  account: AccountInput[];
}

/** Starts the emulator for the flags and prints where it listens and what it emulates. */
export async function runEmulator(opts: EmulatorFlags, io: CliIo = processIo): Promise<RunningEmulator> {
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ValidationError(`--port ${opts.port} is not a port number`);
  const file = opts.config ? readConfigFile(opts.config) : {};
  const { emu, listen } = withValidation(() => createEmulator({
    accounts: [...(file.accounts ?? []), ...opts.account],
    tokenTtlSeconds: file.tokenTtlSeconds,
    webhookTimeoutMs: file.webhookTimeoutMs,
  }));
  const running = await listen(port, opts.host);
  io.out(`WeChat emulator listening on ${running.url}`);
  for (const a of emu.accounts()) {
    io.out(`  ${a.appId}  ${a.type}${a.verified ? ' (verified)' : ''}  ${a.originalId}  mode=${a.mode}  webhook=${a.webhookUrl ?? '-'}`);
  }
  if (emu.accounts().length === 0) io.out('  no accounts yet: POST /__emulator/accounts {"appId": "wx…", "secret": "…"}');
  return running;
}

/** Adds `wxoa emulator`: the WeChat platform emulator for offline development and tests. */
export function registerEmulatorCommand(program: Command, io: CliIo = processIo): void {
  program
    .command('emulator')
    .description('run the WeChat platform emulator (API, control API under /__emulator, simulated followers)')
    .option('--port <port>', 'port to listen on', '4000')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--config <file>', 'JSON file: {accounts: [...], tokenTtlSeconds?, webhookTimeoutMs?} or an array of accounts')
    .option('--account <appId:secret[:webhookUrl]>', 'an account to emulate (repeatable)', parseAccountFlag, [] as AccountInput[])
    .action(async (opts: EmulatorFlags) => {
      const running = await runEmulator(opts, io);
      const stop = () => void running.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
