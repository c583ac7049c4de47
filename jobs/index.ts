import type { CampaignResultPoller, CampaignSender } from '../src/modules/broadcast';
import type { ConversationService, CustomerServiceDesk, DeferredReplies, KfRecordPuller, SlaSweeper } from '../src/modules/customer-service';
import type { AnalyticsService } from '../src/modules/analytics';
import type { FollowerService } from '../src/modules/followers';
import type { HousekeepingService } from '../src/modules/housekeeping';
import type { JobDefinition } from '../src/queue/queue';

export interface JobDeps {
  sender: CampaignSender;
  broadcastSweepMs: number;
  resultPoller?: Pick<CampaignResultPoller, 'pollMissing'>;
  customerService?: {
    sweeper: Pick<SlaSweeper, 'sweep' | 'nextWakeAt'>;
    conversations: Pick<ConversationService, 'closeIdle'>;
    desk: Pick<CustomerServiceDesk, 'dispatchWaiting'>;
    deferredReplies: Pick<DeferredReplies, 'deliverPending'>;
    kfRecords: Pick<KfRecordPuller, 'pull'>;
  };
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
    ...(deps.customerService ? customerServiceJobs(deps.customerService) : []),
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

/** The 24-hour promise kept on the clock: SLA marks on time, idle conversations closed, the queue handed out, deferred replies delivered. */
function customerServiceJobs(cs: NonNullable<JobDeps['customerService']>): JobDefinition[] {
  return [
    // Wakes at the next warning or breach due (nextWakeAt), so each fires on time; every minute otherwise.
    { name: 'customer-service.sla-sweep', everyMs: MINUTE, run: () => cs.sweeper.sweep(), nextRunAt: async () => { const at = await cs.sweeper.nextWakeAt(); return at === null ? null : new Date(at); } },
    { name: 'customer-service.close-idle', everyMs: 5 * MINUTE, run: () => cs.conversations.closeIdle() },
    // Waiting conversations go to agents who have room (one came online, a conversation closed).
    { name: 'customer-service.dispatch', everyMs: MINUTE / 2, run: () => cs.desk.dispatchWaiting() },
    // Replies the webhook could not give within WeChat's 5 s go out through the customer-service API.
    { name: 'customer-service.deliver-deferred', everyMs: MINUTE, run: () => cs.deferredReplies.deliverPending() },
    // Native mode: no event says a WeChat kf agent answered; the chat records do.
    { name: 'customer-service.kf-records', everyMs: 2 * MINUTE, run: () => cs.kfRecords.pull() },
  ];
}
