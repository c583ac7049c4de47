import path from 'node:path';
import type { Store } from '../store';
import { SqliteAccountRepository } from './accounts.repo';
import { SqliteAgentRepository } from './agents.repo';
import { SqliteConversationRepository } from './conversations.repo';
import { SqliteDeskSettingsRepository } from './desk-settings.repo';
import { SqliteLeadRepository } from './leads.repo';
import { SqliteServiceWindowRepository } from './service-windows.repo';
import { SqliteSlaEventRepository } from './sla-events.repo';
import { SqliteAdminTokenRepository } from './admin-tokens.repo';
import { SqliteAnalyticsRepository } from './analytics.repo';
import { SqliteAutoReplyRuleRepository } from './auto-reply-rules.repo';
import { BackgroundWriter } from './background-writer';
import { SqliteCampaignRepository } from './campaigns.repo';
import { openDatabase } from './database';
import { SqliteFollowerRepository } from './followers.repo';
import { SqliteMenuDraftRepository } from './menu-drafts.repo';
import { SqliteMenuEventCounter } from './menu-stats.repo';
import { SqliteMessageRepository } from './messages.repo';
import { SqlitePendingReplyRepository } from './pending-replies.repo';
import { SqliteReminderRepository } from './reminders.repo';

export const SQLITE_FILE_NAME = 'wxoa.sqlite';

/** The embedded store: one SQLite file under DATA_DIR (or `:memory:` for tests). */
export function openSqliteStore(location: { dataDir: string } | { file: string }): Store {
  const file = 'file' in location ? location.file : path.join(location.dataDir, SQLITE_FILE_NAME);
  const db = openDatabase(file);
  const writer = file === ':memory:' ? null : new BackgroundWriter(file);
  const windows = new SqliteServiceWindowRepository(db);
  return {
    accounts: new SqliteAccountRepository(db),
    adminTokens: new SqliteAdminTokenRepository(db),
    messages: new SqliteMessageRepository(db, writer),
    pendingReplies: new SqlitePendingReplyRepository(db),
    menuDrafts: new SqliteMenuDraftRepository(db),
    menuEvents: new SqliteMenuEventCounter(db),
    autoReplyRules: new SqliteAutoReplyRuleRepository(db),
    campaigns: new SqliteCampaignRepository(db),
    analytics: new SqliteAnalyticsRepository(db),
    reminders: new SqliteReminderRepository(db),
    followers: new SqliteFollowerRepository(db),
    conversations: new SqliteConversationRepository(db),
    slaEvents: new SqliteSlaEventRepository(db),
    agents: new SqliteAgentRepository(db),
    deskSettings: new SqliteDeskSettingsRepository(db),
    serviceWindows: windows,
    leads: new SqliteLeadRepository(db),
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async close() {
      windows.flush();
      await writer?.close();
      if (db.open) db.close();
    },
  };
}
