import type { Logger } from '../../shared/logger';
import type { JobDefinition, JobRunner } from '../queue';

/**
 * The embedded profile's scheduler: each job on its own timer in the server process. Nothing is
 * kept here: the work a job does is recorded by the service it calls (a campaign's state and due
 * time live in the store), so a restart loses nothing and the first run after it picks up what is due.
 */
export class LocalScheduler implements JobRunner {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private stopped = true;

  constructor(
    private readonly jobs: readonly JobDefinition[],
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.stopped = false;
    for (const job of this.jobs) if (job.everyMs > 0) this.arm(job, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.all(this.running);
  }

  private arm(job: JobDefinition, delayMs: number): void {
    const timer = setTimeout(() => {
      const run = this.runOnce(job)
        .then(() => this.nextDelay(job))
        .then((delay) => {
          this.running.delete(run);
          if (!this.stopped) this.arm(job, delay);
        });
      this.running.add(run);
    }, delayMs);
    timer.unref(); // a scheduled job must not keep a stopping process alive
    this.timers.set(job.name, timer);
  }

  /** `everyMs`, or less when the job knows its next work comes sooner. */
  private async nextDelay(job: JobDefinition): Promise<number> {
    if (!job.nextRunAt) return job.everyMs;
    try {
      const next = await job.nextRunAt();
      return next === null ? job.everyMs : Math.max(0, Math.min(job.everyMs, next.getTime() - Date.now()));
    } catch (err) {
      this.logger.error({ err, job: job.name }, 'job could not say when it is next due');
      return job.everyMs;
    }
  }

  private async runOnce(job: JobDefinition): Promise<void> {
    try {
      const result = await job.run();
      this.logger.debug({ job: job.name, result }, 'job ran');
    } catch (err) {
      // A failed run is logged and retried at the next tick; the job's service keeps its own state.
      this.logger.error({ err, job: job.name }, 'job failed');
    }
  }
}
