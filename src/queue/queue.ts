/**
 * The job port. A job definition (jobs/) names the work and how often it runs; an adapter runs it:
 * the local scheduler in the server process (embedded profile) or, in production, BullMQ workers.
 * Processors must be safe to run on several instances at once and to repeat: the module services
 * they call (e.g. CampaignSender) claim their work in the store.
 */
export interface JobDefinition {
  name: string;
  /**
   * How often it runs; 0 or less: this process does not schedule it. LocalScheduler measures from the
   * end of the previous run (runs never overlap); BullMQ ticks at a fixed rate shared by all processes,
   * and two ticks may run at once on different worker processes.
   */
  everyMs: number;
  run(): Promise<unknown>;
  /**
   * When the job next has work (a campaign's due time): a scheduler that can sleeps until then
   * instead of a whole `everyMs`, so a slot fires on time whatever the poll interval. `everyMs`
   * still bounds the sleep, so work added meanwhile (by another process) is seen.
   */
  nextRunAt?(): Promise<Date | null>;
}

export interface JobRunner {
  /** Starts scheduling (and running, where this process runs jobs); an adapter that talks to Redis resolves once registered. */
  start(): void | Promise<void>;
  /** Stops the timers and waits for runs in progress. */
  stop(): Promise<void>;
}
