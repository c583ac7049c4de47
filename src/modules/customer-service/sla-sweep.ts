import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import { changeConversation } from './conversation-change';
import type { Conversation, DeskSettings, SlaEvent } from './customer-service';
import type { ConversationRepository, Notifier, SlaEventRepository } from './customer-service.ports';

export type SlaMark = SlaEvent['kind'];

export interface SlaSweeperDeps {
  conversations: ConversationRepository;
  events: SlaEventRepository;
  /** The account's desk settings, where escalations go (the wiring caches them per account). */
  settings: (appId: string) => Promise<DeskSettings>;
  notifier: Notifier;
  clock: Clock;
  logger: Logger;
  newId: () => string;
  /** Called once per mark given (the composition root counts them in prom-client). */
  onMark?: (kind: SlaMark, appId: string) => void;
  /** Conversations read per query (default 200). */
  batch?: number;
}

/** Far enough ahead that every pending mark is before it: slaDue with it lists them all, earliest first. */
const END_OF_TIME = '9999-12-31T23:59:59.999Z';
/** Pages per sweep: each page's marks move on, so the next page is new work; this only bounds a sweep that keeps failing. */
const MAX_PAGES = 50;

/**
 * Gives each waiting message its SLA marks — the warning at warnAt, the breach at dueAt — exactly
 * once, however many sweepers run and however often they restart. The claim is
 * SlaEventRepository.record (unique per conversation, kind and waiting message): only the sweeper
 * whose record returned true escalates. All state is in the store.
 *
 * After its marks are given a conversation's warnAt moves on to the next mark still to give (dueAt
 * after the warning, null after the breach), so slaDue lists only pending work: long-breached
 * conversations nobody answers do not crowd out new ones, and nextWakeAt is the next mark. Any
 * sweeper moves it, whether or not it won the claim, so a sweeper that died between claim and move
 * is caught up by the next.
 */
export class SlaSweeper {
  constructor(private readonly deps: SlaSweeperDeps) {}

  /** The conversations this sweeper gave each mark to. */
  async sweep(): Promise<{ warnings: string[]; breaches: string[] }> {
    const given = { warnings: [] as string[], breaches: [] as string[] };
    const batch = this.deps.batch ?? 200;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const now = this.deps.clock.now();
      const due = await this.deps.conversations.slaDue(now.toISOString(), batch);
      for (const c of due) {
        let marks: SlaMark[] = [];
        try {
          marks = await this.markOne(c, now);
        } catch (err) {
          // One conversation's trouble must not stop the others; a mark not claimed stays pending for the next sweep.
          this.deps.logger.error({ err, conversation: c.id, appId: c.appId }, 'SLA sweep failed for a conversation');
        }
        for (const kind of marks) {
          given[kind === 'warning' ? 'warnings' : 'breaches'].push(c.id);
          try {
            await this.escalate(kind, c, now);
          } catch (err) {
            // The claim stands (the mark is given once); its notification is lost, not sent twice.
            this.deps.logger.error({ err, conversation: c.id, appId: c.appId, kind }, 'could not escalate an SLA mark');
          }
        }
      }
      if (due.length < batch) break;
    }
    return given;
  }

  /** When the next mark falls due (the scheduler's next wake), or null when nothing waits. */
  async nextWakeAt(): Promise<string | null> {
    const [next] = await this.deps.conversations.slaDue(END_OF_TIME, 1);
    return next?.warnAt ?? null;
  }

  /** Claims the marks due on `c` (the ones this sweeper won), and moves warnAt on to the next pending mark. */
  private async markOne(c: Conversation, now: Date): Promise<SlaMark[]> {
    const waitingSince = c.waitingSince;
    const dueAt = c.dueAt;
    const won: SlaMark[] = [];
    if (waitingSince !== null && dueAt !== null) {
      if (await this.claim('warning', c, waitingSince, dueAt, now)) won.push('warning');
      if (dueAt <= now.toISOString() && (await this.claim('breach', c, waitingSince, dueAt, now))) won.push('breach');
    }
    const breached = won.includes('breach');
    const nextMark = dueAt !== null && dueAt > now.toISOString() ? dueAt : null;
    try {
      await changeConversation(this.deps.conversations, this.deps.clock, c.id, (fresh) => {
        // Answered, closed or moved to another message meanwhile: its clock is no longer ours to move.
        const same = fresh.state !== 'closed' && fresh.waitingSince === waitingSince && fresh.dueAt === dueAt;
        const patch = { ...(breached && { breaches: fresh.breaches + 1 }), ...(same && fresh.warnAt !== nextMark && { warnAt: nextMark }) };
        return Object.keys(patch).length > 0 ? patch : null;
      });
    } catch (err) {
      // The marks are given (the claims stand) and still escalate; a later sweep moves warnAt on.
      this.deps.logger.error({ err, conversation: c.id, appId: c.appId }, 'could not move a conversation\'s SLA clock on');
    }
    return won;
  }

  private async claim(kind: SlaMark, c: Conversation, waitingSince: string, dueAt: string, now: Date): Promise<boolean> {
    return this.deps.events.record({
      id: this.deps.newId(), appId: c.appId, conversationId: c.id, kind, waitingSince, dueAt,
      // In native mode the person serving is the kf account.
      agentId: c.agentId ?? c.kfAccount, firedAt: now.toISOString(),
    });
  }

  /** The log line and the metrics hook first: they do not depend on the account's settings or the network. */
  private async escalate(kind: SlaMark, c: Conversation, now: Date): Promise<void> {
    const data = {
      conversationId: c.id, openid: c.openid, state: c.state, agentId: c.agentId, kfAccount: c.kfAccount,
      waitingSince: c.waitingSince, dueAt: c.dueAt, breaches: c.breaches + (kind === 'breach' ? 1 : 0),
    };
    const log = { appId: c.appId, conversation: c.id, agentId: c.agentId ?? c.kfAccount, waitingSince: c.waitingSince, dueAt: c.dueAt };
    if (kind === 'breach') this.deps.logger.warn(log, 'SLA breached: a follower has waited past the due time');
    else this.deps.logger.info(log, 'SLA warning: a follower\'s message is close to its due time');
    this.deps.onMark?.(kind, c.appId);
    const settings = await this.deps.settings(c.appId);
    if (settings.notifyUrl === null) return;
    const delivered = await this.deps.notifier.notify(
      { url: settings.notifyUrl, secret: settings.notifySecret },
      { type: kind === 'breach' ? 'sla.breach' : 'sla.warning', appId: c.appId, at: now.toISOString(), data },
    );
    if (!delivered) this.deps.logger.warn({ ...log, kind }, 'the client\'s notification URL did not take an SLA escalation');
  }
}
