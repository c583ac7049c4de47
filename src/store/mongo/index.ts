import type { Connection } from 'mongoose';
import type { Store } from '../store';
import { MongoAccountRepository } from './accounts.repo';
import { MongoAgentRepository } from './agents.repo';
import { MongoConversationRepository } from './conversations.repo';
import { MongoDeskSettingsRepository } from './desk-settings.repo';
import { MongoLeadRepository } from './leads.repo';
import { MongoServiceWindowRepository } from './service-windows.repo';
import { MongoSlaEventRepository } from './sla-events.repo';
import { MongoAdminTokenRepository } from './admin-tokens.repo';
import { MongoAnalyticsRepository } from './analytics.repo';
import { MongoAutoReplyRuleRepository } from './auto-reply-rules.repo';
import { MongoCampaignRepository } from './campaigns.repo';
import { connectMongo, ensureIndexes } from './connection';
import { MongoFollowerRepository } from './followers.repo';
import { MongoMenuDraftRepository } from './menu-drafts.repo';
import { MongoMenuEventCounter } from './menu-stats.repo';
import { MongoMessageRepository } from './messages.repo';
import { MongoPendingReplyRepository } from './pending-replies.repo';
import { MongoReminderRepository } from './reminders.repo';

/** The production store: every aggregate in one MongoDB database, indexes built before the first write. */
export async function openMongoStore(uri: string): Promise<Store> {
  const connection = await connectMongo(uri);
  try {
    const store = mongoStoreOn(connection);
    await ensureIndexes(connection);
    return store;
  } catch (err) {
    await connection.close();
    throw err;
  }
}

/** The repositories over an open connection (tests open their own database). */
export function mongoStoreOn(connection: Connection): Store {
  return {
    accounts: new MongoAccountRepository(connection),
    adminTokens: new MongoAdminTokenRepository(connection),
    messages: new MongoMessageRepository(connection),
    pendingReplies: new MongoPendingReplyRepository(connection),
    menuDrafts: new MongoMenuDraftRepository(connection),
    menuEvents: new MongoMenuEventCounter(connection),
    autoReplyRules: new MongoAutoReplyRuleRepository(connection),
    campaigns: new MongoCampaignRepository(connection),
    analytics: new MongoAnalyticsRepository(connection),
    reminders: new MongoReminderRepository(connection),
    followers: new MongoFollowerRepository(connection),
    conversations: new MongoConversationRepository(connection),
    slaEvents: new MongoSlaEventRepository(connection),
    agents: new MongoAgentRepository(connection),
    deskSettings: new MongoDeskSettingsRepository(connection),
    serviceWindows: new MongoServiceWindowRepository(connection),
    leads: new MongoLeadRepository(connection),
    async ping() {
      await connection.db!.admin().ping();
    },
    async close() {
      await connection.close();
    },
  };
}
