import { Command } from 'commander';
import { configTable, loadConfig } from '../../config';
import { AppError } from '../shared/errors';
import { createLogger } from '../shared/logger';
import { startServer } from '../main';
import { registerAccountCommands } from './account';
import { registerAnalyticsCommands } from './analytics';
import { registerCampaignCommands } from './campaign';
import { openCliContext, openRulesContext } from './context';
import { runDemo } from './demo';
import { registerEmulatorCommand } from './emulator';
import { registerRulesCommands } from './rules';
import { registerMenuCommands } from './menu';
import { registerWorkerCommand } from './worker';
import { registerTokenCommands } from './token';

/** The `wxoa` command line. Operator commands work directly on the store under DATA_DIR. */
export function buildProgram(): Command {
  const program = new Command('wxoa').description('Self-hosted back end for WeChat Official Accounts').showHelpAfterError();

  program
    .command('serve')
    .description('run the HTTP server: webhook /wechat/:appId, admin API /api/v1, /healthz /readyz /metrics')
    .action(async () => {
      const config = loadConfig();
      await startServer(config, { logger: createLogger({ level: config.logLevel }) });
    });

  program
    .command('config')
    .description('print every configuration variable with its default')
    .action(() => {
      process.stdout.write(configTable() + '\n');
    });

  program
    .command('demo')
    .description('the emulator and the server wired together with a sandbox account: what a follower sees')
    .action(async () => {
      await runDemo();
    });

  registerEmulatorCommand(program);
  registerWorkerCommand(program);
  registerRulesCommands(program, () => openRulesContext(loadConfig(), createLogger({ level: 'info', toStderr: true })));
  registerMenuCommands(program);
  registerCampaignCommands(program);
  registerAnalyticsCommands(program);
  registerTokenCommands(program, () => openCliContext(loadConfig(), createLogger({ level: 'info', toStderr: true })));
  registerAccountCommands(program, () => {
    const config = loadConfig();
    // Warnings (e.g. where a new master key was written) reach the operator on stderr.
    return openCliContext(config, createLogger({ level: 'info', toStderr: true }));
  });
  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    if (err instanceof AppError) {
      process.stderr.write(`${err.message}\n`);
      process.exitCode = err.status >= 500 ? 1 : 2;
      return;
    }
    throw err;
  }
}

if (require.main === module) void runCli(process.argv);
