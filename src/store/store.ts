import type { AnalyticsRepository } from '../modules/analytics';
import type { AccountRepository } from '../modules/accounts/accounts.ports';
import type { AutoReplyRuleRepository } from '../modules/auto-reply/auto-reply.ports';
import type { AdminTokenRepository } from '../modules/admin-access/admin-access.ports';
import type { CampaignRepository } from '../modules/broadcast';
import type { ReminderRepository } from '../modules/housekeeping';
import type { FollowerRepository } from '../modules/followers';
import type { MessageRepository, PendingReplyRepository } from '../modules/messages';
import type { MenuDraftRepository, MenuEventCounter } from '../modules/menus';
import type {
  AgentRepository, ConversationRepository, DeskSettingsRepository, LeadRepository, ServiceWindowRepository, SlaEventRepository,
} from '../modules/customer-service';

/** Every repository the product needs, from one adapter (SQLite embedded, MongoDB in production). */
export interface Store {
  accounts: AccountRepository;
  adminTokens: AdminTokenRepository;
  messages: MessageRepository;
  pendingReplies: PendingReplyRepository;
  menuDrafts: MenuDraftRepository;
  /** Menu taps counted from the message log. */
  menuEvents: MenuEventCounter;
  autoReplyRules: AutoReplyRuleRepository;
  campaigns: CampaignRepository;
  analytics: AnalyticsRepository;
  /** Reminders given (certification expiry), each once. */
  reminders: ReminderRepository;
  followers: FollowerRepository;
  /** Customer service: conversations and threads, SLA marks, agents, desk settings, WeChat's window per follower, leads. */
  conversations: ConversationRepository;
  slaEvents: SlaEventRepository;
  agents: AgentRepository;
  deskSettings: DeskSettingsRepository;
  serviceWindows: ServiceWindowRepository;
  leads: LeadRepository;
  /** Resolves when the store answers; for /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
