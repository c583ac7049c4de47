import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import type { Campaign, CampaignResults } from './broadcast';
import type { BroadcastPlatform, CampaignRepository } from './broadcast.ports';
import { toMassMessage } from './mass-payload';

export interface SenderOptions {
  /** How long a claimed send is held before another worker may take it over. */
  leaseMs?: number;
  /** A slot missed while nothing ran is still sent up to this late; past it the campaign is `missed`. */
  graceMs?: number;
  /** First retry delay after a transient failure; doubles per attempt, up to 15 minutes. */
  retryBaseMs?: number;
  /** Sends in flight at once (different campaigns; each is claimed first, so this never duplicates one). */
  concurrency?: number;
}

export interface SweepReport {
  sent: string[];
  failed: string[];
  missed: string[];
  retrying: string[];
}

/** WeChat remembers a clientmsgid for 24 hours (45065): a retry is only safe well inside that. */
const SAFE_RETRY_WINDOW_MS = 23 * 3_600_000;
const MAX_RETRY_DELAY_MS = 15 * 60_000;

/**
 * Sends due campaigns exactly once, whatever crashes or retries happen:
 * 1. claim: `scheduled → sending` (or take over a `sending` whose lease ran out) by compare-and-set,
 *    persisted BEFORE WeChat is called, so two workers never both send, and a worker that dies
 *    mid-call leaves a record that a send may have happened;
 * 2. send with the campaign's fixed clientmsgid: if an earlier attempt did reach WeChat, WeChat
 *    answers 45065 with that send's msg_id, which is recorded instead of sending again;
 * 3. a transient failure keeps the claim and retries later with the same clientmsgid; a permanent one
 *    fails the campaign; past 23 hours from the first attempt nothing is retried (WeChat would have
 *    forgotten the clientmsgid) and the campaign fails with a pointer to the MP console.
 */
export class CampaignSender {
  private readonly leaseMs: number;
  private readonly graceMs: number;
  private readonly retryBaseMs: number;
  private readonly concurrency: number;

  constructor(
    private readonly deps: { repo: CampaignRepository; platform: BroadcastPlatform; clock: Clock; logger: Logger },
    options: SenderOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.graceMs = options.graceMs ?? 30 * 60_000;
    this.retryBaseMs = options.retryBaseMs ?? 30_000;
    this.concurrency = options.concurrency ?? 100;
  }

  /**
   * Everything due now, in batches of `batchSize` (a slot can have a campaign for every account).
   * Safe to run on every instance at once: each campaign is claimed before it is sent.
   */
  async sendDue(batchSize = 1000): Promise<SweepReport> {
    const report: SweepReport = { sent: [], failed: [], missed: [], retrying: [] };
    for (;;) {
      const now = this.deps.clock.now();
      const batch = await this.deps.repo.due(now.toISOString(), batchSize);
      let progressed = 0;
      // Campaigns of different accounts go out side by side: at 11:00 every account's campaign is
      // due, and one sendall takes a round trip to WeChat.
      await eachConcurrently(batch, this.concurrency, async (campaign) => {
        const outcome = await this.process(campaign, now);
        if (outcome) {
          report[outcome].push(campaign.id);
          progressed++;
        }
      });
      // A full batch may hide more; one that moved nothing (others hold the claims) would only repeat.
      if (batch.length < batchSize || progressed === 0) return report;
    }
  }

  /** When the next campaign falls due (or a held send may be taken over), for a scheduler that sleeps until then. */
  async nextWakeAt(): Promise<Date | null> {
    const next = await this.deps.repo.nextWakeAt();
    return next === null ? null : new Date(next);
  }

  /** MASSSENDJOBFINISH: the delivery counts of a send. False when no campaign has this msg_id (a send made elsewhere). */
  async recordResults(appId: string, msgId: string, results: CampaignResults): Promise<boolean> {
    const campaign = await this.deps.repo.findByMsgId(appId, msgId);
    if (!campaign) return false;
    const failed = results.status !== 'send success';
    await this.deps.repo.saveResults(campaign.id, results, failed ? 'failed' : 'sent', failed ? describeStatus(results.status) : null);
    return true;
  }

  private async process(campaign: Campaign, now: Date): Promise<keyof SweepReport | null> {
    const at = now.toISOString();
    if (campaign.state === 'scheduled') {
      if (now.getTime() - Date.parse(campaign.dueAt!) > this.graceMs) {
        const reason = `not sent: the server was not running at ${campaign.dueAt} and the grace of ${this.graceMs / 60_000} minutes has passed`;
        return (await this.deps.repo.transition(campaign.id, 'scheduled', { state: 'missed', reason, updatedAt: at })) ? 'missed' : null;
      }
      const claim = { state: 'sending' as const, attempts: campaign.attempts + 1, firstAttemptAt: at, leaseUntil: this.after(now, this.leaseMs), updatedAt: at };
      if (!(await this.deps.repo.transition(campaign.id, 'scheduled', claim))) return null;
      return this.attempt({ ...campaign, ...claim }, now);
    }
    // `sending` with its lease run out: the last attempt died, or a transient failure's wait is over.
    if (now.getTime() - Date.parse(campaign.firstAttemptAt ?? campaign.updatedAt) > SAFE_RETRY_WINDOW_MS) {
      const reason = 'outcome unknown: no answer from WeChat within 23 hours, and past 24 hours a retry could send twice; check 群发 history in the MP console';
      return (await this.deps.repo.transition(campaign.id, 'sending', { state: 'failed', reason, leaseUntil: null, updatedAt: at }, at)) ? 'failed' : null;
    }
    const claim = { attempts: campaign.attempts + 1, leaseUntil: this.after(now, this.leaseMs), updatedAt: at };
    if (!(await this.deps.repo.transition(campaign.id, 'sending', claim, at))) return null;
    return this.attempt({ ...campaign, ...claim }, now);
  }

  private async attempt(campaign: Campaign, now: Date): Promise<keyof SweepReport> {
    const at = now.toISOString();
    const { repo, platform, logger } = this.deps;
    try {
      const api = await platform.forAccount(campaign.appId);
      if (!api) return this.fail(campaign, 'the account has no AppSecret (or was removed): WeChat cannot be called', at);
      const message = toMassMessage(campaign.content);
      const common = { message, clientMsgId: campaign.clientMsgId, sendIgnoreReprint: campaign.content.type === 'mpnews' && campaign.content.sendIgnoreReprint === true };
      const { audience } = campaign;
      const result = audience.kind === 'openids'
        ? await api.mass.send({ ...common, openids: audience.openids })
        : await api.mass.sendAll({ ...common, filter: audience.kind === 'all' ? { isToAll: true } : { tagId: audience.tagId } });
      const reason = result.outcome === 'duplicate' ? 'an earlier attempt had reached WeChat (45065): its msg_id is recorded, nothing was sent twice' : null;
      await repo.transition(campaign.id, 'sending', {
        state: 'sent', msgId: result.msgId, msgDataId: result.outcome === 'submitted' ? result.msgDataId : null, sentAt: at, leaseUntil: null, reason, updatedAt: at,
      });
      logger.info({ appId: campaign.appId, campaign: campaign.id, msgId: result.msgId, outcome: result.outcome }, 'mass send submitted');
      return 'sent';
    } catch (err) {
      if (!platform.isTransient(err)) return this.fail(campaign, err instanceof Error ? err.message : String(err), at);
      const delay = Math.min(MAX_RETRY_DELAY_MS, this.retryBaseMs * 2 ** (campaign.attempts - 1));
      await repo.transition(campaign.id, 'sending', { leaseUntil: this.after(now, delay), reason: `retrying: ${err instanceof Error ? err.message : String(err)}`, updatedAt: at });
      logger.warn({ err, appId: campaign.appId, campaign: campaign.id, attempt: campaign.attempts, retryInMs: delay }, 'mass send failed transiently; will retry with the same clientmsgid');
      return 'retrying';
    }
  }

  private async fail(campaign: Campaign, reason: string, at: string): Promise<'failed'> {
    await this.deps.repo.transition(campaign.id, 'sending', { state: 'failed', reason, leaseUntil: null, updatedAt: at });
    this.deps.logger.error({ appId: campaign.appId, campaign: campaign.id, reason }, 'mass send failed');
    return 'failed';
  }

  private after(now: Date, ms: number): string {
    return new Date(now.getTime() + ms).toISOString();
  }
}

async function eachConcurrently<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/** MASSSENDJOBFINISH Status err(N) codes (docs/wechat-protocol.md §2.4), for the campaign's reason. */
const STATUS_REASONS: Record<string, string> = {
  10001: 'advertising', 20001: 'political content', 20002: 'pornographic content', 20004: 'social content', 20006: 'illegal content',
  20008: 'fraud', 20013: 'copyright', 21000: 'other reasons', 22000: 'mutual promotion', 30001: 'originality check failed (system error)',
  30002: 'originality check: may not be sent', 30003: 'judged a reprint and the campaign chose to stop', 40001: 'an administrator rejected it (mass-send protection)',
  40002: 'no administrator confirmed it within 30 minutes (mass-send protection)',
};

function describeStatus(status: string): string {
  const code = /^err\((\d+)\)$/.exec(status)?.[1];
  if (code === undefined) return `WeChat reported "${status}"`;
  return `WeChat stopped the send: ${STATUS_REASONS[code] ?? 'unknown reason'} (${status})`;
}
