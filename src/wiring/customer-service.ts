import { randomUUID } from 'node:crypto';
import type { AccountService } from '../modules/accounts';
import type { CompiledRules } from '../modules/auto-reply/engine.contract';
import {
  AgentService, ConversationService, CustomerServiceDesk, CustomerServiceSender, DeferredReplies, DeskSettingsService, KfRecordPuller, LeadService,
  perAccount, SlaReporter, SlaSweeper, withCustomerService, withServiceWindows,
} from '../modules/customer-service';
import type { HandlerMap } from '../modules/webhook';
import { WebhookNotifier } from '../notify/webhook-notifier';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { Store } from '../store/store';
import type { WeChatApiClients } from '../wechat-api';

export interface CustomerServiceWiring {
  desk: CustomerServiceDesk;
  conversations: ConversationService;
  agents: AgentService;
  settings: DeskSettingsService;
  sender: CustomerServiceSender;
  deferredReplies: DeferredReplies;
  sweeper: SlaSweeper;
  reports: SlaReporter;
  leads: LeadService;
  /** Native mode: learns from WeChat's chat records when a kf agent answered. */
  kfRecords: KfRecordPuller;
  /** Wraps the dispatch table: windows opened by every trigger, conversations filed, native transfers, kf events, leads. */
  wrapHandlers(handlers: HandlerMap): HandlerMap;
}

/** Builds the customer-service capability over the store (part of the composition root, kept out of main.ts for size). */
export function wireCustomerService(deps: {
  store: Store;
  accounts: AccountService;
  wechatApi: WeChatApiClients;
  rules: { compiledFor(appId: string): Promise<CompiledRules> };
  clock: Clock;
  logger: Logger;
  /** The master key's box: the notification secret is sealed at rest like the accounts' secrets. */
  secrets: { seal(plaintext: string): string; open(sealed: string): string };
  onSlaMark?: (kind: 'warning' | 'breach', appId: string) => void;
}): CustomerServiceWiring {
  const { store, accounts, clock, logger } = deps;
  const newId = () => randomUUID();
  const settings = new DeskSettingsService({ repo: store.deskSettings, accounts, clock, secrets: deps.secrets });
  // Read per message needing a person (webhook, desk, conversations) and per SLA mark: cached briefly, read once.
  const settingsOf = perAccount((appId) => settings.get(appId));
  const timeZone = perAccount(async (appId) => (await accounts.get(appId)).timeZone);
  const notifier = new WebhookNotifier({ clock, logger });
  const sender = new CustomerServiceSender({ windows: store.serviceWindows, platform: { forAccount: (appId) => deps.wechatApi.forAccount(appId) }, clock, logger });
  const conversations = new ConversationService({ repo: store.conversations, settings: settingsOf, timeZone, clock, logger, newId });
  const desk = new CustomerServiceDesk({
    conversations, repo: store.conversations, agents: store.agents, windows: store.serviceWindows, settings: settingsOf, sender, clock, logger,
    followerTags: async (appId, openid) => (await store.followers.get(appId, openid))?.tagIds ?? [],
  });
  const leads = new LeadService({
    repo: store.leads, notifier, clock, logger,
    settings: async (appId) => {
      const s = await settingsOf(appId);
      return { notifyUrl: s.notifyUrl, notifySecret: s.notifySecret };
    },
    channelOf: async (appId, openid) => {
      const f = await store.followers.get(appId, openid);
      return f?.qrSceneStr ?? (f?.qrScene != null ? String(f.qrScene) : null);
    },
  });
  return {
    desk,
    conversations,
    agents: new AgentService({ repo: store.agents, accounts, clock }),
    settings,
    sender,
    deferredReplies: new DeferredReplies({ accounts, pending: store.pendingReplies, sender, clock, logger }),
    sweeper: new SlaSweeper({ conversations: store.conversations, events: store.slaEvents, settings: settingsOf, notifier, clock, logger, newId, onMark: deps.onSlaMark }),
    reports: new SlaReporter({ conversations: store.conversations, events: store.slaEvents, timeZone }),
    leads,
    kfRecords: new KfRecordPuller({ repo: store.conversations, conversations, platform: { forAccount: (appId) => deps.wechatApi.forAccount(appId) }, clock, logger }),
    wrapHandlers: (handlers) => withServiceWindows(
      withCustomerService(handlers, { desk, conversations, settings: settingsOf, rules: deps.rules, leads, logger }),
      store.serviceWindows, logger,
    ),
  };
}
