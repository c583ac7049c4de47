import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import type { MassStatus } from '../../wechat-api/mass';
import type { Campaign, CampaignResults } from './broadcast';
import type { BroadcastPlatform, CampaignRepository } from './broadcast.ports';

/** A send's MASSSENDJOBFINISH normally arrives within minutes; only after this is WeChat asked. */
const QUIET_MS = 15 * 60_000;
/** How far back sent campaigns are looked at: a result still missing after that stays missing. */
const LOOK_BACK_MS = 3 * 86_400_000;

const STATUS: Record<Exclude<MassStatus, 'SENDING'>, { status: string; failed: boolean }> = {
  SEND_SUCCESS: { status: 'send success', failed: false },
  SEND_FAIL: { status: 'send fail', failed: true },
  // Deleted after it went out (only news and video can be): it was sent, and stays `sent`.
  DELETE: { status: 'deleted', failed: false },
};

/**
 * The fallback for MASSSENDJOBFINISH. WeChat pushes a send's result to the webhook; a callback that
 * never arrives (the server was down, the URL was changed) would leave a sent campaign without a
 * result. This asks message/mass/get for sent campaigns still without one after QUIET_MS. mass/get
 * gives the status only, no counts: the counts stay null, and a late MASSSENDJOBFINISH still fills
 * them (it overwrites). A send still SENDING is asked again on the next sweep.
 */
export class CampaignResultPoller {
  constructor(
    private readonly deps: {
      repo: CampaignRepository;
      accounts: { list(): Promise<{ appId: string }[]> };
      platform: BroadcastPlatform;
      clock: Clock;
      logger: Logger;
    },
  ) {}

  async pollMissing(): Promise<{ settled: string[]; stillSending: string[]; errors: string[] }> {
    const report = { settled: [] as string[], stillSending: [] as string[], errors: [] as string[] };
    const now = this.deps.clock.now().getTime();
    const since = new Date(now - LOOK_BACK_MS).toISOString();
    const quietBefore = new Date(now - QUIET_MS).toISOString();
    for (const { appId } of await this.deps.accounts.list()) {
      const waiting = (await this.deps.repo.list({ appId, state: 'sent', since }))
        .filter((c) => c.results === null && c.msgId !== null && c.sentAt !== null && c.sentAt <= quietBefore);
      for (const campaign of waiting) {
        try {
          const outcome = await this.poll(campaign);
          report[outcome === 'settled' ? 'settled' : 'stillSending'].push(campaign.id);
        } catch (err) {
          // One account's trouble (no secret, API down) must not stop the others; the next sweep asks again.
          this.deps.logger.warn({ err, appId, campaign: campaign.id }, 'could not ask WeChat for a mass send status');
          report.errors.push(campaign.id);
        }
      }
    }
    return report;
  }

  private async poll(campaign: Campaign): Promise<'settled' | 'sending'> {
    const api = await this.deps.platform.forAccount(campaign.appId);
    if (!api) throw new Error(`account ${campaign.appId} has no AppSecret`);
    const { status } = await api.mass.get(campaign.msgId!);
    if (status === 'SENDING') return 'sending';
    const known = STATUS[status] ?? { status: `unknown status ${String(status)}`, failed: false };
    const results: CampaignResults = {
      status: known.status, totalCount: null, filterCount: null, sentCount: null, errorCount: null, copyrightCheckState: null,
      finishedAt: this.deps.clock.now().toISOString(),
    };
    const reason = known.failed ? 'WeChat reports the send failed (message/mass/get: SEND_FAIL); no MASSSENDJOBFINISH arrived' : null;
    await this.deps.repo.saveResults(campaign.id, results, known.failed ? 'failed' : 'sent', reason);
    return 'settled';
  }
}
