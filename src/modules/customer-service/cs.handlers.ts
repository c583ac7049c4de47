import type { Logger } from '../../shared/logger';
import type { InboundMessage, Reply } from '../../wechat';
import { normalizeText } from '../auto-reply/normalize';
import type { CompiledRules } from '../auto-reply/engine.contract';
import type { Handler, HandlerContext, HandlerMap } from '../webhook';
import type { ConversationService } from './conversations';
import type { DeskSettings, OpenReason } from './customer-service';
import type { CustomerServiceDesk } from './desk';
import type { LeadService } from './leads';

export interface CustomerServiceHandlerDeps {
  desk: Pick<CustomerServiceDesk, 'onFollowerMessage'>;
  conversations: Pick<ConversationService, 'kfSession'>;
  /** The account's desk settings; cached here for SETTINGS_TTL_MS, so the webhook does not read them per message. */
  settings: (appId: string) => Promise<DeskSettings>;
  rules: { compiledFor(appId: string): Promise<CompiledRules> };
  leads?: Pick<LeadService, 'capture'>;
  logger: Logger;
}

/** Follower messages a person can answer (events are not questions). */
const FOLLOWER_KINDS = ['text', 'image', 'voice', 'video', 'shortvideo', 'location', 'link'] as const;
/** A settings change reaches every instance within this. */
const SETTINGS_TTL_MS = 10_000;

/**
 * Customer service on the webhook. A follower's message needs a person when it asks for one (a
 * handoff keyword such as 人工), when a transfer rule matches it, or when no rule does; it then
 * opens or joins the follower's conversation, and every later message joins it until it closes.
 * - desk mode: our agents answer through the admin API; a transfer rule or a request for a person
 *   gets the account's acknowledgement (handoffReply), never WeChat's transfer, which would take the
 *   follower into WeChat's own kf system; while a person holds the conversation no default reply
 *   interrupts it.
 * - native mode: the answer is transfer_customer_service, naming the kf account routing chose.
 * WeChat's kf_create/close/switch_session events move native conversations. Contact details in a
 * text become leads (in the background: lead delivery must not hold the reply).
 */
export function withCustomerService(handlers: HandlerMap, deps: CustomerServiceHandlerDeps): HandlerMap {
  const settingsOf = cached(deps.settings);
  const wrapped: HandlerMap = { ...handlers };
  for (const kind of FOLLOWER_KINDS) {
    const inner = handlers[kind] ?? handlers['*'];
    wrapped[kind] = (message, ctx) => onFollowerMessage(message, ctx, inner, settingsOf, deps);
  }
  const kf = (event: 'create' | 'close' | 'switch', account: (m: InboundMessage) => string): Handler => (message, ctx) => {
    void deps.conversations.kfSession(ctx.account.appId, message.fromUserName, event, account(message), new Date(message.createTime * 1000))
      .catch((err: unknown) => deps.logger.warn({ err, appId: ctx.account.appId }, 'could not record a kf session event'));
    return null;
  };
  wrapped['event:kf_create_session'] = kf('create', (m) => (m as { kfAccount: string }).kfAccount);
  wrapped['event:kf_close_session'] = kf('close', (m) => (m as { kfAccount: string }).kfAccount);
  wrapped['event:kf_switch_session'] = kf('switch', (m) => (m as { toKfAccount: string }).toKfAccount);
  return wrapped;
}

async function onFollowerMessage(
  message: InboundMessage, ctx: HandlerContext, inner: Handler | undefined,
  settingsOf: (appId: string) => Promise<DeskSettings>, deps: CustomerServiceHandlerDeps,
): Promise<Reply | null> {
  const { account, now } = ctx;
  const text = textOf(message);
  if (message.kind === 'text' && deps.leads) {
    void deps.leads.capture(account.appId, message.fromUserName, { text, msgId: message.msgId, at: new Date(message.createTime * 1000) });
  }
  const settings = await settingsOf(account.appId);
  if (!settings.enabled) return inner ? inner(message, ctx) : null;

  const match = (await deps.rules.compiledFor(account.appId)).match(message, { now, timeZone: account.timeZone });
  const transfer = match?.rule.replies.some((r) => r.type === 'transfer_customer_service') ?? false;
  const asked = message.kind === 'text' && asksForPerson(text, settings.handoffKeywords);
  const reason: OpenReason | null = asked ? 'asked' : transfer ? 'transfer_rule' : match === null ? 'no_rule' : null;
  const filed = await deps.desk.onFollowerMessage(account.appId, {
    openid: message.fromUserName, msgId: message.msgId, kind: message.kind, text, at: new Date(message.createTime * 1000), menuKey: null,
  }, reason);

  if (settings.mode === 'native' && reason !== null) {
    return filed?.kfAccount ? { type: 'transfer_customer_service', kfAccount: filed.kfAccount } : { type: 'transfer_customer_service' };
  }
  const acknowledgement: Reply | null = settings.handoffReply ? { type: 'text', content: settings.handoffReply } : null;
  if (transfer || (asked && match === null)) return filed?.opened === false ? null : acknowledgement;
  // A person holds the thread: the default reply would talk over them.
  if (match === null && filed !== null && !filed.opened) return null;
  return inner ? inner(message, ctx) : null;
}

function textOf(message: InboundMessage): string {
  switch (message.kind) {
    case 'text':
      return message.content;
    case 'voice':
      return message.recognition ?? '[voice]';
    case 'link':
      return `[link] ${message.title} ${message.url}`;
    case 'location':
      return `[location] ${message.label}`;
    default:
      return `[${message.kind}]`;
  }
}

function asksForPerson(text: string, keywords: readonly string[]): boolean {
  const normalized = normalizeText(text);
  return keywords.some((k) => normalized.includes(normalizeText(k)));
}

function cached<T>(load: (appId: string) => Promise<T>): (appId: string) => Promise<T> {
  const entries = new Map<string, { at: number; value: Promise<T> }>();
  return (appId) => {
    const hit = entries.get(appId);
    if (hit && Date.now() - hit.at < SETTINGS_TTL_MS) return hit.value;
    const value = load(appId);
    entries.set(appId, { at: Date.now(), value });
    value.catch(() => entries.delete(appId));
    return value;
  };
}
