import type { CustomMessageLike } from '../auto-reply/follow-up';
import type { Agent, AgentStatus, Conversation, ConversationState, DeskSettings, Lead, ServiceWindow, SlaEvent, ThreadEntry } from './customer-service';

export interface ConversationQuery {
  appId?: string;
  agentId?: string;
  states?: readonly ConversationState[];
  /** Only those with a waiting message due before this instant (ISO). */
  dueBefore?: string;
  /** Only those that have breached at least once. */
  breached?: boolean;
  /** openedAt in [openedSince, openedUntil). */
  openedSince?: string;
  openedUntil?: string;
  limit: number;
}

/** Conversations and their threads (tables in SQLite, collections in MongoDB). */
export interface ConversationRepository {
  /** ConflictError when the follower already has a conversation of this account that is not closed. */
  insert(conversation: Conversation): Promise<void>;
  get(id: string): Promise<Conversation | null>;
  /** The follower's conversation with the account that is not closed, if any. */
  findOpen(appId: string, openid: string): Promise<Conversation | null>;
  /**
   * Compare-and-set: applies `patch` (updatedAt included) only while the stored updatedAt is still
   * `expectedUpdatedAt`. False when someone changed it meanwhile (read it again and retry).
   */
  update(id: string, expectedUpdatedAt: string, patch: Partial<Omit<Conversation, 'id' | 'appId' | 'openid'>>): Promise<boolean>;
  /** Newest opened first. */
  list(query: ConversationQuery): Promise<Conversation[]>;
  /** Not-closed conversations whose warnAt ≤ now (a warning or a breach may be due), warnAt order, at most `limit`. */
  slaDue(now: string, limit: number): Promise<Conversation[]>;
  /** Not-closed conversations with no message either way since `before` (max of lastFollowerAt, lastAgentAt). */
  idleSince(before: string, limit: number): Promise<Conversation[]>;
  /** How many not-closed conversations each agent holds (agents with none are absent). */
  loads(): Promise<Record<string, number>>;
  /** False when an inbound entry with the same msgId is already in the thread (a retried callback). */
  appendEntry(entry: ThreadEntry): Promise<boolean>;
  /** Oldest first, at most `limit`. */
  thread(conversationId: string, limit: number): Promise<ThreadEntry[]>;
}

export interface AgentRepository {
  /** Insert or replace (by id). */
  save(agent: Agent): Promise<void>;
  get(id: string): Promise<Agent | null>;
  /** Every agent, or those serving the account; id order. */
  list(appId?: string): Promise<Agent[]>;
  remove(id: string): Promise<boolean>;
  setStatus(id: string, status: AgentStatus, at: string): Promise<boolean>;
  markAssigned(id: string, at: string): Promise<void>;
}

export interface DeskSettingsRepository {
  get(appId: string): Promise<DeskSettings | null>;
  save(settings: DeskSettings): Promise<void>;
}

/** The WeChat interaction window per follower (protocol doc §6.1), kept so a send WeChat would refuse is refused here first. */
export interface ServiceWindowRepository {
  /** Starts a new window, replacing any that opened at the same time or earlier (quotas do not add up; a late, older trigger changes nothing). */
  open(window: ServiceWindow): Promise<void>;
  get(appId: string, openid: string): Promise<ServiceWindow | null>;
  /** Atomically uses one message of the window open at `now`; the window after it, or null (closed or used up). */
  take(appId: string, openid: string, now: string): Promise<ServiceWindow | null>;
  /** Gives a taken message back (the send failed for another reason), if that window is still the current one. */
  giveBack(appId: string, openid: string, openedAt: string): Promise<void>;
}

export interface SlaEventRepository {
  /** False when this mark (conversationId, kind, waitingSince) was already given: the once-only claim. */
  record(event: SlaEvent): Promise<boolean>;
  /** firedAt in [since, until), oldest first. */
  list(appId: string, since: string, until: string): Promise<SlaEvent[]>;
}

export interface LeadRepository {
  /** False when the follower already left the same contact (appId, openid, kind, value). */
  insert(lead: Lead): Promise<boolean>;
  /** at in [since, until), newest first, at most `limit`. */
  list(appId: string, query: { since?: string; until?: string; limit: number }): Promise<Lead[]>;
  markForwarded(id: string, at: string): Promise<void>;
}

/** The customer-service message API for one account (wechat-api's CustomServiceApi fits). */
export interface CustomerServicePlatform {
  forAccount(appId: string): Promise<{ customService: { send(openid: string, message: CustomMessageLike, options?: { kfAccount?: string }): Promise<void> } } | null>;
}

/** Something the client's contact should know: POSTed as JSON to the account's notification URL. */
export interface Notification {
  type: 'sla.warning' | 'sla.breach' | 'lead';
  appId: string;
  at: string;
  data: Record<string, unknown>;
}

/** Delivers notifications (an HTTP adapter in src/notify); never throws: failures are logged and retried there. */
export interface Notifier {
  /** True when the client's URL took it (2xx) within the adapter's tries. */
  notify(target: { url: string; secret: string | null }, notification: Notification): Promise<boolean>;
}
