import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import type Redis from 'ioredis';
import type { Logger } from '../../shared/logger';
import type { JobDefinition, JobRunner } from '../queue';

export const DEFAULT_QUEUE_NAME = 'wxoa-jobs';
export const DEFAULT_QUEUE_PREFIX = 'wxoa:bull';

export interface BullmqJobRunnerOptions {
  /**
   * A connection for BullMQ alone, made with `maxRetriesPerRequest: null` (BullMQ's workers block on it).
   * The caller owns it: stop() leaves it open (the worker's own blocking duplicate is closed).
   */
  connection: Redis;
  logger: Logger;
  /** Redis key prefix; tests give each case its own. */
  prefix?: string;
  queueName?: string;
  /** false: this process only schedules (a server whose jobs run in `wxoa worker` processes). */
  processJobs?: boolean;
  /** Tries per tick for a run that throws (a transient failure); the next tick comes regardless. */
  attempts?: number;
  /** First retry delay; doubled on each further try. */
  backoffMs?: number;
}

/**
 * The production profile's job runner: each definition is a BullMQ job scheduler in Redis, so every
 * process that starts a runner shares one schedule and each tick becomes one job, taken by one worker
 * of whichever process is free. Upserting the same scheduler from N processes is idempotent.
 *
 * Unlike LocalScheduler, ticks are fixed-rate (every `everyMs` from the scheduler's start, not from the
 * end of the last run), and with several worker processes two ticks may run at once on different
 * processes: the port requires processors to be safe for that.
 *
 * A job that knows when its next work is due (`nextRunAt`, e.g. the next campaign's slot) also gets a
 * one-off delayed job for that moment, after each run and at start, so a slot fires on time rather than
 * up to `everyMs` late. Its id names the moment, so N processes planning the same wake-up add one job.
 */
export class BullmqJobRunner implements JobRunner {
  private readonly byName: Map<string, JobDefinition>;
  private queue: Queue | null = null;
  private worker: Worker | null = null;
  private starting: Promise<void> | null = null;

  constructor(
    private readonly jobs: readonly JobDefinition[],
    private readonly options: BullmqJobRunnerOptions,
  ) {
    this.byName = new Map(jobs.map((job) => [job.name, job]));
  }

  /** The open queue: null before start() has opened it and after stop(). The admin queue dashboard reads through it. */
  get currentQueue(): Queue | null {
    return this.queue;
  }

  /** Registers the schedules and, unless told not to, starts this process's worker. */
  start(): Promise<void> {
    this.starting ??= this.open().catch((err: unknown) => {
      this.options.logger.error({ err }, 'job runner failed to start');
      throw err;
    });
    return this.starting;
  }

  /** Closes the worker (waiting for the run in progress) and the queue. The schedules stay in Redis for the other processes. */
  async stop(): Promise<void> {
    await this.starting?.catch(() => undefined);
    this.starting = null;
    const { worker, queue } = this;
    this.worker = null;
    this.queue = null;
    await worker?.close();
    await queue?.close();
  }

  private async open(): Promise<void> {
    const { connection, logger, prefix = DEFAULT_QUEUE_PREFIX, queueName = DEFAULT_QUEUE_NAME } = this.options;
    const queue = new Queue(queueName, { connection, prefix });
    queue.on('error', (err) => logger.warn({ err: err.message }, 'job queue connection problem'));
    this.queue = queue;
    for (const job of this.jobs) {
      if (job.everyMs <= 0) continue; // 0: this process leaves the job's schedule to another
      await queue.upsertJobScheduler(job.name, { every: job.everyMs }, { name: job.name, opts: this.jobOptions() });
      await this.planWakeUp(job);
    }
    if (this.options.processJobs ?? true) this.worker = this.openWorker(queueName, prefix);
  }

  private jobOptions() {
    return {
      attempts: this.options.attempts ?? 3,
      backoff: { type: 'exponential', delay: this.options.backoffMs ?? 1_000 },
      // Keep a little history for inspection, not every tick forever.
      removeOnComplete: { count: 100 },
      removeOnFail: { count: 500 },
    };
  }

  /** A delayed run at the job's next due moment, when that comes before its next regular tick. */
  private async planWakeUp(job: JobDefinition): Promise<void> {
    const queue = this.queue;
    if (!job.nextRunAt || !queue) return;
    try {
      const at = await job.nextRunAt();
      if (at === null) return;
      const delay = Math.max(0, at.getTime() - Date.now());
      if (delay >= job.everyMs) return; // a regular tick comes first and plans again
      await queue.add(job.name, {}, { ...this.jobOptions(), delay, jobId: `${job.name}@${at.getTime()}` });
    } catch (err) {
      // The regular tick still comes: a failed plan costs lateness, never a send.
      this.options.logger.warn({ err, job: job.name }, 'could not plan the next run of a job');
    }
  }

  private openWorker(queueName: string, prefix: string): Worker {
    const { connection, logger } = this.options;
    const worker = new Worker(queueName, (job) => this.process(job), { connection, prefix, concurrency: 1 });
    worker.on('completed', (job, result) => logger.debug({ job: job.name, id: job.id, result }, 'job ran'));
    worker.on('failed', (job, err) => {
      const attempts = job?.opts.attempts ?? 1;
      const made = job?.attemptsMade ?? attempts;
      const final = made >= attempts || err instanceof UnrecoverableError;
      logger[final ? 'error' : 'warn']({ err, job: job?.name, id: job?.id, attempt: made, attempts }, final ? 'job failed' : 'job failed, will retry');
    });
    // Without a listener an 'error' event would crash the process; BullMQ reconnects by itself.
    worker.on('error', (err) => logger.warn({ err: err.message }, 'job worker problem'));
    return worker;
  }

  private async process(job: Job): Promise<unknown> {
    const definition = this.byName.get(job.name);
    // A schedule left in Redis by another version: nothing here can run it, so retrying is pointless.
    if (!definition) throw new UnrecoverableError(`no job definition named ${job.name}`);
    const result = await definition.run();
    await this.planWakeUp(definition);
    return result;
  }
}
