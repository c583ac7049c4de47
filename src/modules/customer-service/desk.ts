import type { Clock } from '../../shared/clock';
import { AppError, ConflictError, NotFoundError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import type { CustomMessageLike } from '../auto-reply/follow-up';
import type { CustomerServiceSender } from './cs-sender';
import type { Conversation, DeskSettings, OpenReason, ThreadEntry } from './customer-service';
import type { AgentRepository, ConversationRepository, ServiceWindowRepository } from './customer-service.ports';
import type { ConversationService } from './conversations';
import { parseAgentReply, type AgentReplyInput } from './desk-reply';
import { chooseAgent } from './routing';
import { windowState } from './service-window';

export interface DeskDeps {
  conversations: ConversationService;
  repo: ConversationRepository;
  agents: AgentRepository;
  windows: ServiceWindowRepository;
  settings: (appId: string) => Promise<DeskSettings>;
  sender: Pick<CustomerServiceSender, 'send'>;
  /** The follower's tags, for skill routing by tag (absent: routing ignores tags). */
  followerTags?: (appId: string, openid: string) => Promise<readonly number[]>;
  clock: Clock;
  logger: Logger;
}

/** Who is acting through the admin API: an agent acts on its own conversations, a supervisor on any. */
export interface Actor {
  /** The agent id (an agent token's name) or the operator's name. */
  name: string;
  supervises: boolean;
}

/** A follower's message as the desk files it. */
export interface IncomingMessage {
  openid: string;
  msgId: string | null;
  kind: string;
  text: string;
  at: Date;
  /** The menu key, when a CLICK started it. */
  menuKey: string | null;
}

export type InboxView = 'waiting' | 'mine' | 'breached' | 'due_soon' | 'open' | 'closed';

const OPEN_STATES = ['waiting', 'assigned', 'answered'] as const;
/** "Due soon": the SLA ends within this long. */
const DUE_SOON_MS = 2 * 3_600_000;

/**
 * The built-in desk: routes conversations to agents, sends agents' replies through the one
 * customer-service path (window and quota checked first), and serves the inboxes. Conversations'
 * own rules live in ConversationService; who gets one is routing.ts.
 */
export class CustomerServiceDesk {
  constructor(private readonly deps: DeskDeps) {}

  /**
   * Files a follower's message (opening or joining the conversation when it needs a person) and,
   * for a new or still unowned one, routes it. In native mode routing picks the kf account the
   * transfer reply names; the conversation waits for WeChat's kf_create_session.
   */
  async onFollowerMessage(appId: string, message: IncomingMessage, reason: OpenReason | null, known?: DeskSettings): Promise<{ conversation: Conversation; opened: boolean; kfAccount: string | null } | null> {
    const settings = known ?? (await this.deps.settings(appId));
    if (!settings.enabled) return null;
    const filed = await this.deps.conversations.followerMessage(appId, message.openid, { msgId: message.msgId, kind: message.kind, text: message.text, at: message.at }, reason, { mode: settings.mode });
    if (!filed) return null;
    let { conversation } = filed;
    let kfAccount: string | null = null;
    if (conversation.agentId === null && conversation.kfAccount === null && conversation.state === 'waiting') {
      const routed = await this.route(conversation, settings, message);
      conversation = routed.conversation;
      kfAccount = routed.kfAccount;
    }
    return { conversation, opened: filed.opened, kfAccount };
  }

  /** An agent's (or supervisor's) reply: sent through the window-checked path, filed in the thread only when WeChat took it. */
  async reply(id: string, actor: Actor, input: unknown): Promise<{ conversation: Conversation; entry: ThreadEntry; window: { left: number; endsAt: string } }> {
    const conversation = await this.mustGet(id);
    this.mayAct(conversation, actor);
    if (conversation.state === 'closed') throw new ConflictError(`conversation ${id} is closed; the follower's next message opens a new one`);
    const settings = await this.deps.settings(conversation.appId);
    const reply: AgentReplyInput = parseAgentReply(input, settings.cannedReplies);
    const outcome = await this.deps.sender.send(conversation.appId, conversation.openid, reply.message as CustomMessageLike);
    if (!outcome.sent) {
      // Never dropped silently: the agent sees why, and nothing is filed as said.
      throw new AppError(`reply_${outcome.code}`, outcome.reason, outcome.code === 'no_api' ? 409 : 422, { code: outcome.code, errcode: outcome.errcode ?? null });
    }
    const agentId = conversation.agentId ?? actor.name;
    const filed = await this.deps.conversations.reply(id, agentId, { kind: reply.kind, text: reply.text });
    return { ...filed, window: { left: outcome.left, endsAt: outcome.endsAt } };
  }

  /** Hands the conversation to an agent (supervisor), or to the acting supervisor itself (take-over). */
  async assign(id: string, actor: Actor, agentId: string | undefined): Promise<Conversation> {
    if (!actor.supervises) throw new AppError('forbidden', 'only a supervisor assigns conversations', 403);
    const conversation = await this.mustGet(id);
    if (agentId === undefined || agentId === actor.name) return this.deps.conversations.takeOver(id, actor.name);
    const agent = await this.deps.agents.get(agentId);
    if (!agent || !agent.appIds.includes(conversation.appId)) throw new NotFoundError(`no agent ${agentId} serves account ${conversation.appId}`);
    const moved = await this.deps.conversations.reassign(id, agentId, actor.name);
    await this.deps.agents.markAssigned(agentId, this.deps.clock.now().toISOString());
    return moved;
  }

  async close(id: string, actor: Actor): Promise<Conversation> {
    this.mayAct(await this.mustGet(id), actor);
    return this.deps.conversations.close(id, actor.name);
  }

  /** The thread with what the agent needs before answering: messages left in WeChat's window and when it ends. */
  async view(id: string, actor: Actor): Promise<{ conversation: Conversation; thread: ThreadEntry[]; window: ReturnType<typeof windowState> }> {
    const conversation = await this.mustGet(id);
    this.mayAct(conversation, actor, 'read');
    if (!actor.supervises && conversation.agentId === null) await this.mustServe(actor, conversation.appId);
    const [thread, window] = await Promise.all([
      this.deps.repo.thread(id, 500),
      this.deps.windows.get(conversation.appId, conversation.openid),
    ]);
    return { conversation, thread, window: windowState(window, this.deps.clock.now()) };
  }

  /** An inbox: waiting (nobody has them), mine, breached, due soon (SLA ends within 2 h), open, closed. */
  async inbox(actor: Actor, view: InboxView, appId: string | undefined, limit = 100): Promise<Conversation[]> {
    const conversations = await this.inboxOf(actor, view, appId, limit);
    if (actor.supervises) return conversations;
    // An agency's agent sees the unowned conversations of the clients it serves, never another client's.
    const serves = new Set((await this.deps.agents.get(actor.name))?.appIds ?? []);
    return conversations.filter((c) => c.agentId === actor.name || serves.has(c.appId));
  }

  private async inboxOf(actor: Actor, view: InboxView, appId: string | undefined, limit: number): Promise<Conversation[]> {
    const now = this.deps.clock.now();
    const base = { ...(appId ? { appId } : {}), limit };
    const mineOnly = !actor.supervises || view === 'mine';
    const agent = mineOnly ? { agentId: actor.name } : {};
    switch (view) {
      case 'waiting':
        return (await this.deps.repo.list({ ...base, states: ['waiting'] })).filter((c) => actor.supervises || c.agentId === null);
      case 'breached':
        return this.deps.repo.list({ ...base, ...agent, states: OPEN_STATES, dueBefore: now.toISOString() });
      case 'due_soon':
        return (await this.deps.repo.list({ ...base, ...agent, states: OPEN_STATES, dueBefore: new Date(now.getTime() + DUE_SOON_MS).toISOString() }))
          .filter((c) => c.dueAt !== null && c.dueAt > now.toISOString());
      case 'closed':
        return this.deps.repo.list({ ...base, ...agent, states: ['closed'] });
      case 'mine':
      case 'open':
        return this.deps.repo.list({ ...base, ...agent, states: OPEN_STATES });
    }
  }

  /**
   * Hands waiting conversations to agents who have room (an agent came online, a conversation
   * closed), oldest first. Safe to run on several instances: a conversation is assigned once (the
   * store's compare-and-set), a second attempt is a conflict and skipped.
   */
  async dispatchWaiting(limit = 200): Promise<{ assigned: string[] }> {
    const waiting = (await this.deps.repo.list({ states: ['waiting'], limit }))
      .filter((c) => c.agentId === null && c.mode === 'desk')
      .sort((a, b) => (a.waitingSince ?? a.openedAt).localeCompare(b.waitingSince ?? b.openedAt));
    const assigned: string[] = [];
    for (const conversation of waiting) {
      const settings = await this.deps.settings(conversation.appId);
      if (!settings.enabled || settings.mode !== 'desk') continue;
      const first = (await this.deps.repo.thread(conversation.id, 1))[0];
      const routed = await this.route(conversation, settings, { openid: conversation.openid, text: first?.text ?? '', menuKey: null });
      if (routed.conversation.agentId !== null) assigned.push(conversation.id);
    }
    return { assigned };
  }

  private async route(conversation: Conversation, settings: DeskSettings, message: Pick<IncomingMessage, 'openid' | 'text' | 'menuKey'>): Promise<{ conversation: Conversation; kfAccount: string | null }> {
    const [agents, loads, tagIds] = await Promise.all([
      this.deps.agents.list(conversation.appId),
      this.deps.repo.loads(),
      this.deps.followerTags?.(conversation.appId, message.openid).catch(() => []) ?? Promise.resolve([]),
    ]);
    const choice = chooseAgent({ settings, conversation: { appId: conversation.appId, firstText: message.text, tagIds, menuKey: message.menuKey }, agents, loads });
    if (choice.agentId === null) return { conversation, kfAccount: null };
    const agent = agents.find((a) => a.id === choice.agentId)!;
    if (settings.mode === 'native') return { conversation, kfAccount: agent.kfAccount };
    try {
      const assigned = await this.deps.conversations.assign(conversation.id, agent.id, 'router');
      await this.deps.agents.markAssigned(agent.id, this.deps.clock.now().toISOString());
      return { conversation: assigned, kfAccount: null };
    } catch (err) {
      // Another instance routed it first: theirs stands.
      if (err instanceof ConflictError) return { conversation: (await this.deps.repo.get(conversation.id)) ?? conversation, kfAccount: null };
      throw err;
    }
  }

  private async mustServe(actor: Actor, appId: string): Promise<void> {
    const agent = await this.deps.agents.get(actor.name);
    if (!agent?.appIds.includes(appId)) throw new AppError('forbidden', `${actor.name} does not serve account ${appId}`, 403);
  }

  private async mustGet(id: string): Promise<Conversation> {
    const conversation = await this.deps.repo.get(id);
    if (!conversation) throw new NotFoundError(`no conversation ${id}`);
    return conversation;
  }

  /** An agent acts only on conversations it holds (reading also those nobody holds yet); a supervisor on any. */
  private mayAct(conversation: Conversation, actor: Actor, mode: 'read' | 'write' = 'write'): void {
    if (actor.supervises || conversation.agentId === actor.name) return;
    if (mode === 'read' && conversation.agentId === null) return;
    throw new AppError('forbidden', `conversation ${conversation.id} is held by ${conversation.agentId ?? 'nobody yet'}: only that agent or a supervisor may act on it`, 403);
  }
}
