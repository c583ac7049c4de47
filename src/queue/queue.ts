/**
 * The job port. A job definition (jobs/) names the work and how often it runs; an adapter runs it:
 * the local scheduler in the server process (embedded profile) or, in production, BullMQ workers.
 * Processors must be safe to run on several instances at once and to repeat: the module services
 * they call (e.g. CampaignSender) claim their work in the store.
 */
export interface JobDefinition {
  name: string;
  /** Runs every `everyMs`, measured from the end of the previous run (runs never overlap). */
  everyMs: number;
  run(): Promise<unknown>;
}

export interface JobRunner {
  start(): void;
  /** Stops the timers and waits for runs in progress. */
  stop(): Promise<void>;
}
