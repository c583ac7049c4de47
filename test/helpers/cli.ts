import { Command } from 'commander';
import type { CliIo } from '../../src/cli/account';

/** What one `wxoa …` call printed, line by line, and the exit code it set. */
export interface CliCall {
  out: string[];
  err: string[];
  exitCode: number;
}

/**
 * Runs `wxoa <args>` in-process on a program with the commands `register` adds, capturing what it
 * prints and its exit code (no child process; commander's own errors throw, via exitOverride).
 */
export async function runCli(register: (program: Command, io: CliIo) => void, args: readonly string[]): Promise<CliCall> {
  const call: CliCall = { out: [], err: [], exitCode: 0 };
  const program = new Command('wxoa').exitOverride();
  register(program, { out: (l) => void call.out.push(l), err: (l) => void call.err.push(l), setExitCode: (c) => void (call.exitCode = c) });
  await program.parseAsync([...args], { from: 'user' });
  return call;
}
