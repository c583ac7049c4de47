import type { Clock } from '../../shared/clock';
import { ConflictError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import { changeConversation, later, lastActivityAt, type ConversationPatch } from './conversation-change';
import type { Conversation, DeskMode, DeskSettings, OpenReason, ThreadEntry } from './customer-service';
import type { ConversationRepository } from './customer-service.ports';
import { slaDue } from './sla-clock';

export interface ConversationServiceDeps {
  repo: ConversationRepository;
  /** The account's desk settings (DeskSettingsService.get fits). */
  settings: (appId: string) => Promise<DeskSettings>;
  /** The account's IANA time zone, for the office-hours calendar. */
  timeZone: (appId: string) => Promise<string>;
  clock: Clock;
  logger: Logger;
  newId: () => string;
}

export interface FollowerEntry {
  msgId: string | null;
  kind: string;
  text: string;
  at: Date;
}

/** An outbound message the CustomerServiceSender has delivered. */
export interface AgentEntry {
  kind: string;
  text: string;
  at?: Date;
}

/**
 * settings.closeAfterMinutes can be no shorter than this (desk-settings.ts): the sweep for idle
 * conversations looks no further back than it, then applies each account's own setting.
 */
const MIN_CLOSE_AFTER_MINUTES = 10;
const MINUTE = 60_000;
const REJOIN_ATTEMPTS = 5;

/**
 * Conversations and their threads: a follower's message that needs a person opens one or joins the
 * open one; agents take, answer, hand over and close them; WeChat's kf events move native ones.
 * States: waiting (nobody has it) → assigned (an agent has it, the follower waits) → answered (a
 * person spoke last) → closed. The oldest unanswered follower message drives the SLA clock.
 */
export class ConversationService {
  constructor(private readonly deps: ConversationServiceDeps) {}

  /**
   * A follower's message: for a person when `reason` says so or the follower is already in a
   * conversation; null otherwise. A retried callback (same msgId) changes nothing.
   */
  async followerMessage(appId: string, openid: string, entry: FollowerEntry, reason: OpenReason | null,
    extra?: { mode: DeskMode; skillGroup?: string | null }): Promise<{ conversation: Conversation; opened: boolean } | null> {
    const at = entry.at.toISOString();
    let due: { warnAt: string; dueAt: string } | undefined;
    const dueFor = async () => (due ??= await this.due(appId, entry.at));
    let why = reason;
    for (let attempt = 0; attempt < REJOIN_ATTEMPTS; attempt += 1) {
      const open = await this.deps.repo.findOpen(appId, openid);
      if (!open) {
        if (why === null) return null;
        const opened = await this.open(appId, openid, at, why, extra, await dueFor());
        if (!opened) continue; // another callback opened it first: join theirs
        await this.append(opened, entry);
        this.deps.logger.info({ appId, conversation: opened.id, reason: why }, 'conversation opened');
        return { conversation: opened, opened: true };
      }
      if (!(await this.append(open, entry))) return { conversation: open, opened: false };
      let closedMeanwhile = false;
      const joined = await this.change(open.id, async (c) => {
        closedMeanwhile = c.state === 'closed';
        return closedMeanwhile ? null : followerPatch(c, at, await dueFor());
      });
      if (!closedMeanwhile) return { conversation: joined, opened: false };
      // Closed between the read and the write: the follower was in a conversation, so a new one opens for the message.
      why ??= open.reason;
    }
    throw new ConflictError('the follower\'s conversation kept changing; the message was not filed', { appId, openid });
  }

  /** The first hand-over: refused when another agent already has it (use reassign). */
  async assign(id: string, agentId: string, by: string): Promise<Conversation> {
    return this.handTo(id, agentId, by, 'assigned', (c) => {
      if (c.agentId !== null && c.agentId !== agentId) throw new ConflictError(`conversation ${id} is already assigned to ${c.agentId}`, { id, agentId: c.agentId });
    });
  }

  async reassign(id: string, agentId: string, by: string): Promise<Conversation> {
    return this.handTo(id, agentId, by, 'reassigned');
  }

  /** A supervisor takes the conversation over: a reassignment to themselves, logged as such. */
  async takeOver(id: string, supervisorAgentId: string): Promise<Conversation> {
    return this.handTo(id, supervisorAgentId, supervisorAgentId, 'taken over');
  }

  /**
   * Files a message an agent sent (after the sender delivered it): the person spoke, so nothing
   * waits any more, unless the follower wrote again after it went out.
   */
  async reply(id: string, agentId: string, sent: AgentEntry): Promise<{ conversation: Conversation; entry: ThreadEntry }> {
    const at = (sent.at ?? this.deps.clock.now()).toISOString();
    const current = await this.change(id, () => null); // the conversation as it is (NotFoundError when unknown)
    const entry: ThreadEntry = {
      id: this.deps.newId(), conversationId: id, appId: current.appId, openid: current.openid, direction: 'out', at,
      kind: sent.kind, text: sent.text, agentId, msgId: null,
    };
    await this.deps.repo.appendEntry(entry);
    const conversation = await this.change(id, (c) => {
      const spoke = { firstResponseAt: c.firstResponseAt ?? at, lastAgentAt: later(c.lastAgentAt, at) };
      if (c.state === 'closed' || (c.waitingSince !== null && c.waitingSince > at)) return spoke;
      return { ...spoke, ...answered(), agentId: c.agentId ?? agentId, assignedAt: c.assignedAt ?? at };
    });
    return { conversation, entry };
  }

  async close(id: string, by: string): Promise<Conversation> {
    const now = this.deps.clock.now().toISOString();
    const closed = await this.change(id, (c) => (c.state === 'closed' ? null : closing(now, by)));
    this.deps.logger.info({ appId: closed.appId, conversation: id, by }, 'conversation closed');
    return closed;
  }

  /**
   * Closes conversations quiet for their account's closeAfterMinutes. One with an SLA mark still to
   * give (warnAt set: the sweep has not yet given the warning or the breach of the message waiting
   * in it) stays open until it is given: closing it first would hide the breach.
   */
  async closeIdle(limit = 500): Promise<string[]> {
    const now = this.deps.clock.now();
    const floor = new Date(now.getTime() - MIN_CLOSE_AFTER_MINUTES * MINUTE + 1).toISOString();
    const idleFor = async (appId: string) =>
      new Date(now.getTime() - (await this.deps.settings(appId)).closeAfterMinutes * MINUTE).toISOString();
    const closed: string[] = [];
    for (const candidate of await this.deps.repo.idleSince(floor, limit)) {
      const quietBefore = await idleFor(candidate.appId);
      let closes = false;
      await this.change(candidate.id, (fresh) => {
        closes = fresh.state !== 'closed' && fresh.warnAt === null && lastActivityAt(fresh) <= quietBefore;
        return closes ? closing(now.toISOString(), 'inactivity') : null;
      });
      if (closes) closed.push(candidate.id);
    }
    if (closed.length > 0) this.deps.logger.info({ count: closed.length }, 'idle conversations closed');
    return closed;
  }

  /** Native mode: WeChat's kf_create_session / kf_switch_session / kf_close_session for the follower. */
  async kfSession(appId: string, openid: string, event: 'create' | 'close' | 'switch', kfAccount: string, at: Date): Promise<Conversation | null> {
    const when = at.toISOString();
    for (let attempt = 0; attempt < REJOIN_ATTEMPTS; attempt += 1) {
      const open = await this.deps.repo.findOpen(appId, openid);
      if (event === 'close') {
        return open === null ? null : this.change(open.id, (c) => (c.state === 'closed' ? null : closing(when, 'kf')));
      }
      if (!open) {
        // A session we did not see begin (the transfer came from elsewhere, or before this desk ran): file it as served.
        const started = await this.insertOrNull(kfStarted(this.deps.newId(), appId, openid, kfAccount, when, this.nowIso()));
        if (started) return started;
        continue;
      }
      let closedMeanwhile = false;
      const served = await this.change(open.id, (c) => {
        closedMeanwhile = c.state === 'closed';
        return closedMeanwhile ? null : { kfAccount, mode: 'native', assignedAt: when, state: c.state === 'waiting' ? 'assigned' : c.state };
      });
      if (!closedMeanwhile) return served;
    }
    throw new ConflictError('the follower\'s conversation kept changing', { appId, openid });
  }

  /** Native mode: msgrecord showed a kf agent answering the follower at `at`. */
  async kfAnswered(appId: string, openid: string, at: Date): Promise<Conversation | null> {
    const when = at.toISOString();
    const open = await this.deps.repo.findOpen(appId, openid);
    if (!open) return null;
    return this.change(open.id, (c) => {
      // A record from before this conversation belongs to an earlier one.
      if (c.state === 'closed' || when < c.openedAt) return null;
      const spoke = { firstResponseAt: c.firstResponseAt ?? when, lastAgentAt: later(c.lastAgentAt, when) };
      return c.waitingSince !== null && c.waitingSince > when ? spoke : { ...spoke, ...answered() };
    });
  }

  private async handTo(id: string, agentId: string, by: string, action: string, check?: (c: Conversation) => void): Promise<Conversation> {
    let previous: string | null = null;
    const now = this.nowIso();
    const c = await this.change(id, (fresh) => {
      if (fresh.state === 'closed') throw new ConflictError(`conversation ${id} is closed`, { id });
      check?.(fresh);
      previous = fresh.agentId;
      if (fresh.agentId === agentId) return null;
      return { agentId, assignedAt: now, state: fresh.state === 'waiting' ? 'assigned' : fresh.state };
    });
    this.deps.logger.info({ appId: c.appId, conversation: id, agentId, previous, by }, `conversation ${action}`);
    return c;
  }

  private async open(appId: string, openid: string, at: string, reason: OpenReason, extra: { mode: DeskMode; skillGroup?: string | null } | undefined,
    due: { warnAt: string; dueAt: string }): Promise<Conversation | null> {
    const mode = extra?.mode ?? (await this.deps.settings(appId)).mode;
    return this.insertOrNull({
      id: this.deps.newId(), appId, openid, state: 'waiting', mode, reason, agentId: null, kfAccount: null,
      skillGroup: extra?.skillGroup ?? null, openedAt: at, assignedAt: null, waitingSince: at, ...due, firstResponseAt: null,
      lastFollowerAt: at, lastAgentAt: null, closedAt: null, closedBy: null, breaches: 0, updatedAt: this.nowIso(),
    });
  }

  /** The conversation inserted, or null when the follower already has an open one (two callbacks raced). */
  private async insertOrNull(c: Conversation): Promise<Conversation | null> {
    try {
      await this.deps.repo.insert(c);
      return c;
    } catch (err) {
      if (err instanceof ConflictError) return null;
      throw err;
    }
  }

  private async append(c: Conversation, e: FollowerEntry): Promise<boolean> {
    return this.deps.repo.appendEntry({
      id: this.deps.newId(), conversationId: c.id, appId: c.appId, openid: c.openid, direction: 'in',
      at: e.at.toISOString(), kind: e.kind, text: e.text, agentId: null, msgId: e.msgId,
    });
  }

  private async due(appId: string, from: Date): Promise<{ warnAt: string; dueAt: string }> {
    const [settings, zone] = await Promise.all([this.deps.settings(appId), this.deps.timeZone(appId)]);
    const { warnAt, dueAt } = slaDue(from, settings, zone);
    return { warnAt: warnAt.toISOString(), dueAt: dueAt.toISOString() };
  }

  private change(id: string, decide: Parameters<typeof changeConversation>[3]): Promise<Conversation> {
    return changeConversation(this.deps.repo, this.deps.clock, id, decide);
  }

  private nowIso(): string {
    return this.deps.clock.now().toISOString();
  }
}

/**
 * A follower wrote into an open conversation. Answered → waits again (with its agent: assigned).
 * The oldest unanswered message drives the clock: a later one leaves it; one the agent's last reply
 * already followed (it came in late) starts nothing.
 */
function followerPatch(c: Conversation, at: string, due: { warnAt: string; dueAt: string }): ConversationPatch {
  const patch: ConversationPatch = { lastFollowerAt: later(c.lastFollowerAt, at) };
  // Answered already only when the agent spoke in a later second: CreateTime has whole seconds, so a
  // message sent just after a reply can carry an earlier stamp, and must not slip past the SLA clock.
  if (c.lastAgentAt !== null && new Date(Date.parse(at) + 1000).toISOString() <= c.lastAgentAt) return patch;
  if (c.state === 'answered') patch.state = c.agentId !== null || c.kfAccount !== null ? 'assigned' : 'waiting';
  if (c.waitingSince === null || at < c.waitingSince) Object.assign(patch, { waitingSince: at, ...due });
  return patch;
}

const answered = (): ConversationPatch => ({ state: 'answered', waitingSince: null, warnAt: null, dueAt: null });

const closing = (at: string, by: string): ConversationPatch => ({ state: 'closed', closedAt: at, closedBy: by, waitingSince: null, warnAt: null, dueAt: null });

function kfStarted(id: string, appId: string, openid: string, kfAccount: string, at: string, now: string): Conversation {
  return {
    id, appId, openid, state: 'assigned', mode: 'native', reason: 'transfer_rule', agentId: null, kfAccount, skillGroup: null,
    openedAt: at, assignedAt: at, waitingSince: null, dueAt: null, warnAt: null, firstResponseAt: null, lastFollowerAt: at,
    lastAgentAt: null, closedAt: null, closedBy: null, breaches: 0, updatedAt: now,
  };
}
