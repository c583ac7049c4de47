import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import type { ConversationService } from './conversations';
import type { ConversationRepository } from './customer-service.ports';

/** The chat records of WeChat's kf system (wechat-api's KfApi.msgRecord fits). */
export interface KfRecordPlatform {
  forAccount(appId: string): Promise<{ kf: { msgRecord(startTime: number, endTime: number): Promise<{ openid: string; operCode: number; time: number }[]> } } | null>;
}

/** opercode 2002: the kf agent sent the follower a message (protocol doc §6.4). */
const AGENT_SENT = 2002;
/** msgrecord keeps a window per call of at most a day; looking back further than this is not worth the calls. */
const LOOK_BACK_S = 2 * 86_400;

/**
 * Native mode learns when a WeChat kf agent answered from msgrecord (no event says so): each open
 * native conversation's records since it began are read, and the first agent message after the
 * follower's waiting one stops the SLA clock (ConversationService.kfAnswered; repeating it is harmless).
 */
export class KfRecordPuller {
  constructor(
    private readonly deps: {
      repo: ConversationRepository;
      conversations: Pick<ConversationService, 'kfAnswered'>;
      platform: KfRecordPlatform;
      clock: Clock;
      logger: Logger;
    },
  ) {}

  async pull(): Promise<{ answered: string[] }> {
    const open = (await this.deps.repo.list({ states: ['waiting', 'assigned', 'answered'], limit: 1000 })).filter((c) => c.mode === 'native' && c.waitingSince !== null);
    const byAccount = new Map<string, typeof open>();
    for (const c of open) byAccount.set(c.appId, [...(byAccount.get(c.appId) ?? []), c]);
    const now = Math.floor(this.deps.clock.now().getTime() / 1000);
    const answered: string[] = [];
    for (const [appId, conversations] of byAccount) {
      try {
        const api = await this.deps.platform.forAccount(appId);
        if (!api) continue;
        const since = Math.max(now - LOOK_BACK_S, Math.min(...conversations.map((c) => Math.floor(Date.parse(c.waitingSince!) / 1000))));
        const records = await api.kf.msgRecord(since, now);
        for (const c of conversations) {
          const waiting = Date.parse(c.waitingSince!) / 1000;
          const reply = records.filter((r) => r.openid === c.openid && r.operCode === AGENT_SENT && r.time >= Math.floor(waiting)).sort((a, b) => a.time - b.time)[0];
          if (!reply) continue;
          await this.deps.conversations.kfAnswered(appId, c.openid, new Date(reply.time * 1000));
          answered.push(c.id);
        }
      } catch (err) {
        // One account's trouble (no kf permission, API down) must not stop the others; the next run asks again.
        this.deps.logger.warn({ err, appId }, 'could not read kf chat records');
      }
    }
    return { answered };
  }
}
