import type { Command } from 'commander';
import { loadConfig, type Config } from '../../config';
import { ValidationError } from '../shared/errors';
import { createLogger, type Logger } from '../shared/logger';
import { buildRuntime, type Runtime } from '../main';

export interface RunningWorker {
  runtime: Runtime;
  /** Stops taking jobs (waiting for the one in progress) and closes the runtime's connections. */
  stop(): Promise<void>;
}

/**
 * Job processors only: no HTTP server. Any number of these take the ticks of the shared BullMQ
 * schedule; each tick runs on one of them. Needs QUEUE_DRIVER=bullmq (and so REDIS_URL).
 */
export async function startWorker(config: Config, logger: Logger): Promise<RunningWorker> {
  if (config.queueDriver !== 'bullmq') {
    throw new ValidationError(
      'wxoa worker runs jobs from a BullMQ queue in Redis: set QUEUE_DRIVER=bullmq and REDIS_URL. ' +
        'With QUEUE_DRIVER=local (the default) `wxoa serve` runs the jobs itself and needs no worker.',
    );
  }
  const runtime = await buildRuntime(config, { logger, processJobs: true });
  try {
    await runtime.scheduler.start();
  } catch (err) {
    await runtime.close();
    throw err;
  }
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      await runtime.scheduler.stop();
      await runtime.close();
    })();
    return stopping;
  };
  return { runtime, stop };
}

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('run scheduled jobs only, no HTTP server (QUEUE_DRIVER=bullmq; start as many as you like)')
    .action(async () => {
      const config = loadConfig();
      const logger = createLogger({ level: config.logLevel });
      const worker = await startWorker(config, logger);
      logger.info({ queue: 'bullmq' }, 'wxoa worker running');
      const shutdown = async (signal: string) => {
        // A second signal meets no listener and ends the process at once, should a run hang.
        logger.info({ signal }, 'worker shutting down');
        try {
          await worker.stop();
          process.exit(0);
        } catch (err) {
          logger.error({ err }, 'worker shutdown failed');
          process.exit(1);
        }
      };
      process.once('SIGINT', () => void shutdown('SIGINT'));
      process.once('SIGTERM', () => void shutdown('SIGTERM'));
    });
}
