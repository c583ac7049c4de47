/**
 * Customer service that keeps the contracts' 24-hour promise (issue 6). The shared vocabulary of the
 * capability: conversations and their thread, agents, each account's desk settings, the WeChat
 * interaction window, SLA marks and leads. Behaviour lives in the files beside this one.
 */

/** waiting: nobody has it yet · assigned: an agent has it, the follower waits for an answer · answered: the agent replied last · closed. */
export const conversationStates = ['waiting', 'assigned', 'answered', 'closed'] as const;
export type ConversationState = (typeof conversationStates)[number];

/** Why a follower's message needed a person. */
export type OpenReason = 'no_rule' | 'transfer_rule' | 'asked';

/** desk: our own agents answer through the admin API · native: WeChat's kf system (transfer_customer_service). */
export type DeskMode = 'desk' | 'native';

/** One follower's open thread with the account (at most one not closed per follower and account). */
export interface Conversation {
  id: string;
  appId: string;
  openid: string;
  state: ConversationState;
  mode: DeskMode;
  reason: OpenReason;
  /** Desk mode: our agent (an Agent id). */
  agentId: string | null;
  /** Native mode: the WeChat kf account serving it (from kf_create_session / kf_switch_session). */
  kfAccount: string | null;
  /** The skill group routing chose, if the account routes by skills. */
  skillGroup: string | null;
  openedAt: string;
  assignedAt: string | null;
  /** The oldest follower message no person has answered yet; null when nothing waits. */
  waitingSince: string | null;
  /** When that message's SLA is breached (null when nothing waits). */
  dueAt: string | null;
  /**
   * The next SLA mark still to give: the warning time, then (once the warning is given) dueAt, then
   * null once the breach is given. So the sweep lists only pending work; "due soon" reads dueAt.
   */
  warnAt: string | null;
  /** The first reply by a person in this conversation (first-response time = this − openedAt). */
  firstResponseAt: string | null;
  lastFollowerAt: string;
  lastAgentAt: string | null;
  closedAt: string | null;
  /** Who closed it: an agent id, 'inactivity', 'kf' (native session closed) or an operator's name. */
  closedBy: string | null;
  /** SLA breaches this conversation has had. */
  breaches: number;
  updatedAt: string;
}

/** One message of a conversation's thread, either direction. */
export interface ThreadEntry {
  id: string;
  conversationId: string;
  appId: string;
  openid: string;
  direction: 'in' | 'out';
  at: string;
  /** text, image, voice, video, news, location, link, event … */
  kind: string;
  /** The text, or a short description of what was sent ("[image] media_id …"). */
  text: string;
  /** Outbound: the agent who sent it (null for an automatic message). */
  agentId: string | null;
  /** Inbound: WeChat's MsgId (dedups retried callbacks). */
  msgId: string | null;
}

export const agentStatuses = ['online', 'away', 'offline'] as const;
export type AgentStatus = (typeof agentStatuses)[number];

/** A person who answers followers. The admin token of role `agent` whose name is this id acts as the agent. */
export interface Agent {
  id: string;
  name: string;
  /** Accounts the agent serves (an agency's agent serves several clients' accounts). */
  appIds: string[];
  /** Skill groups the agent belongs to (names from the accounts' desk settings). */
  skills: string[];
  /** Most conversations the agent holds at once (assigned or answered). */
  maxLoad: number;
  status: AgentStatus;
  /** In native mode: the agent's WeChat kf account (prefix@wechat_id), for transfer routing. */
  kfAccount: string | null;
  /** The last time a conversation was routed to the agent: round-robin picks the least recent. */
  lastAssignedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export type RoutingStrategy = 'round_robin' | 'least_loaded' | 'skills';

/** A skill group: a conversation joins it when its first message has a keyword, the follower a tag, or it began with a menu key. */
export interface SkillGroup {
  name: string;
  keywords: string[];
  tagIds: number[];
  menuKeys: string[];
}

/** Office hours in the account's time zone: SLA time runs only inside them. */
export interface BusinessHours {
  /** 0 = Sunday … 6 = Saturday. */
  days: number[];
  /** 'HH:MM', start inclusive, end exclusive, start < end. */
  start: string;
  end: string;
}

/** A prepared answer agents send with one click (常用回复). */
export interface CannedReply {
  id: string;
  title: string;
  text: string;
}

/** How an account runs customer service. Accounts without settings get DEFAULT_DESK_SETTINGS. */
export interface DeskSettings {
  appId: string;
  enabled: boolean;
  mode: DeskMode;
  strategy: RoutingStrategy;
  skillGroups: SkillGroup[];
  /** A follower's message containing one of these asks for a person. */
  handoffKeywords: string[];
  /** Sent (passively) when a follower asks for a person; null: no acknowledgement. */
  handoffReply: string | null;
  /** Time a follower's message may wait for a person (default 24 h). */
  slaMinutes: number;
  /** Warning at this fraction of the SLA (default 0.8). */
  warnFraction: number;
  /** null: the SLA clock runs around the clock. */
  businessHours: BusinessHours | null;
  /** A conversation with no message either way for this long is closed (a new message reopens a new one). */
  closeAfterMinutes: number;
  /** The client's contact: SLA escalations and leads are POSTed here (JSON, HMAC-signed when a secret is set). */
  notifyUrl: string | null;
  notifySecret: string | null;
  cannedReplies: CannedReply[];
  updatedAt: string;
}

export const DEFAULT_DESK_SETTINGS: Omit<DeskSettings, 'appId' | 'updatedAt'> = Object.freeze({
  enabled: true,
  mode: 'desk',
  strategy: 'least_loaded',
  skillGroups: [],
  handoffKeywords: ['人工', '客服', '转人工'],
  handoffReply: '正在为您转接人工客服，请稍候。',
  slaMinutes: 24 * 60,
  warnFraction: 0.8,
  businessHours: null,
  closeAfterMinutes: 24 * 60,
  notifyUrl: null,
  notifySecret: null,
  cannedReplies: [],
}) as Omit<DeskSettings, 'appId' | 'updatedAt'>;

/**
 * What starts WeChat's customer-service window for a follower (protocol doc §6.1, rules since
 * 2023-06-12): a message gives 5 messages within 48 h; a menu tap (click, scancode_push,
 * scancode_waitmsg), a follow or a QR scan gives 3 within 1 minute. A new trigger replaces the old window.
 */
export type WindowTrigger = 'message' | 'menu' | 'follow' | 'scan';

export const WINDOW_RULES: Record<WindowTrigger, { limit: number; ms: number }> = {
  message: { limit: 5, ms: 48 * 3_600_000 },
  menu: { limit: 3, ms: 60_000 },
  follow: { limit: 3, ms: 60_000 },
  scan: { limit: 3, ms: 60_000 },
};

/** The follower's current window: how many customer-service messages may still go out, until when. */
export interface ServiceWindow {
  appId: string;
  openid: string;
  trigger: WindowTrigger;
  openedAt: string;
  expiresAt: string;
  limit: number;
  used: number;
}

/** An SLA mark given once per waiting message: the warning at warnAt, the breach at dueAt. */
export interface SlaEvent {
  id: string;
  appId: string;
  conversationId: string;
  kind: 'warning' | 'breach';
  /** The waiting message the mark is about (Conversation.waitingSince then): the once-only key with conversationId and kind. */
  waitingSince: string;
  dueAt: string;
  agentId: string | null;
  firedAt: string;
}

export type LeadKind = 'mobile' | 'landline' | 'email' | 'wechat_id' | 'qq';

/** Contact details a follower left in a message (客户信息收集). */
export interface Lead {
  id: string;
  appId: string;
  openid: string;
  kind: LeadKind;
  /** Normalized (digits only for phones, lower case for e-mail). */
  value: string;
  /** The whole message it was found in. */
  text: string;
  at: string;
  /** The follower's channel: the QR scene they followed through, when known. */
  channel: string | null;
  msgId: string | null;
  /** When it was sent to the account's notification URL (null: not yet, or no URL). */
  forwardedAt: string | null;
}
