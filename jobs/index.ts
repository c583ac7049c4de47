import type { CampaignResultPoller, CampaignSender } from '../src/modules/broadcast';
import type { AnalyticsService } from '../src/modules/analytics';
import type { FollowerService } from '../src/modules/followers';
import type { HousekeepingService } from '../src/modules/housekeeping';
import type { JobDefinition } from '../src/queue/queue';

export interface JobDeps {
  sender: CampaignSender;
  broadcastSweepMs: number;
  resultPoller?: Pick<CampaignResultPoller, 'pollMissing'>;
  housekeeping: HousekeepingService;
  analytics: Pick<AnalyticsService, 'runDaily'>;
  followers?: Pick<FollowerService, 'syncDue'>;
}

const MINUTE = 60_000;

/** Every scheduled job of the product: name, schedule, and the module service it calls. */
export function defineJobs(deps: JobDeps): JobDefinition[] {
  return [
    // Sends campaigns whose slot has come, exactly once (CampaignSender claims each in the store).
    // Sleeps until the next campaign is due (nextRunAt), so a slot fires on time, not up to a poll interval late.
    { name: 'broadcast.send-due', everyMs: deps.broadcastSweepMs, run: () => deps.sender.sendDue(), nextRunAt: () => deps.sender.nextWakeAt() },
    // Sent campaigns whose MASSSENDJOBFINISH never came (server down, URL changed): ask message/mass/get.
    ...(deps.resultPoller ? [{ name: 'broadcast.poll-results', everyMs: 10 * MINUTE, run: () => deps.resultPoller!.pollMissing() }] : []),
    // Tokens live 2 h and are refetched within 5 min of expiry: touching them every 5 min keeps one ready.
    { name: 'accounts.refresh-tokens', everyMs: 5 * MINUTE, run: () => deps.housekeeping.refreshTokens() },
    // Each account's yesterday once it is past 08:00 in its zone (WeChat's data is ready then), plus any gap of the last 7 days.
    { name: 'analytics.daily', everyMs: 15 * MINUTE, run: () => deps.analytics.runDaily() },
    // Hourly look; each account is re-read in full once its last sync is a day old (follow events keep it current between).
    ...(deps.followers ? [{ name: 'followers.sync', everyMs: 60 * MINUTE, run: () => deps.followers!.syncDue() }] : []),
    // Hourly, so a day's reminder comes early in the account's morning; each is given once (the store remembers).
    { name: 'accounts.certification-reminders', everyMs: 60 * MINUTE, run: () => deps.housekeeping.remindCertifications() },
  ];
}
