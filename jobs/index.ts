import type { CampaignSender } from '../src/modules/broadcast';
import type { JobDefinition } from '../src/queue/queue';

export interface JobDeps {
  sender: CampaignSender;
  broadcastSweepMs: number;
}

/** Every scheduled job of the product: name, schedule, and the module service it calls. */
export function defineJobs(deps: JobDeps): JobDefinition[] {
  return [
    // Sends campaigns whose slot has come, exactly once (CampaignSender claims each in the store).
    { name: 'broadcast.send-due', everyMs: deps.broadcastSweepMs, run: () => deps.sender.sendDue() },
  ];
}
