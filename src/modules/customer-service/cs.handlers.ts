import type { Logger } from '../../shared/logger';
import type { InboundMessage, Reply } from '../../wechat';
import { normalizeText } from '../auto-reply/normalize';
import type { CompiledRules } from '../auto-reply/engine.contract';
import type { Handler, HandlerContext, HandlerMap } from '../webhook';
import type { ConversationService } from './conversations';
import type { DeskSettings, OpenReason } from './customer-service';
import type { CustomerServiceDesk } from './desk';
import type { LeadService } from './leads';
import type { PerAccount } from './per-account';
import { FOLLOWER_MESSAGE_KINDS } from './service-window';

export interface CustomerServiceHandlerDeps {
  desk: Pick<CustomerServiceDesk, 'onFollowerMessage'>;
  conversations: Pick<ConversationService, 'kfSession'>;
  /** The account's desk settings, cached (perAccount), so the webhook does not read them per message. */
  settings: PerAccount<DeskSettings>;
  rules: { compiledFor(appId: string): Promise<CompiledRules>; peek?(appId: string): CompiledRules | undefined };
  leads?: Pick<LeadService, 'capture'>;
  logger: Logger;
}

/**
 * How long this instance trusts that a follower has no open conversation. Within it, a message a
 * rule answers goes the synchronous fast path (no store read); a conversation another instance opened
 * meanwhile misses such messages in its thread for at most this long (never one that needs a person:
 * those always take the store path).
 */
const NO_CONVERSATION_TTL_MS = 30_000;
/** A menu tap this recent starts the follower's next message's conversation (skill routing by menu key). */
const MENU_KEY_TTL_MS = 10 * 60_000;

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
  const settingsOf = deps.settings;
  const noConversation = new Map<string, number>();
  const lastMenuKey = new Map<string, { key: string; at: number }>();
  const wrapped: HandlerMap = { ...handlers };
  for (const kind of FOLLOWER_MESSAGE_KINDS) { // what a person can answer (events are not questions)
    const inner = handlers[kind] ?? handlers['*'];
    wrapped[kind] = (message, ctx) => {
      captureLeads(message, ctx, deps);
      // The common case stays synchronous: a rule answers a follower who is in no conversation.
      const fast = fastPath(message, ctx, settingsOf.peek(ctx.account.appId), deps, noConversation);
      if (fast) return inner ? inner(message, ctx) : null;
      const tapped = lastMenuKey.get(`${ctx.account.appId}:${message.fromUserName}`);
      const menuKey = tapped && Date.now() - tapped.at < MENU_KEY_TTL_MS ? tapped.key : null;
      return onFollowerMessage(message, ctx, inner, settingsOf, deps, noConversation, menuKey);
    };
  }
  // "退款" under a 售后 menu: the tap says which skill group the follower's next question is for.
  const onClick = handlers['event:CLICK'] ?? handlers['*'];
  wrapped['event:CLICK'] = (message, ctx) => {
    if (message.eventKey) remember(lastMenuKey, `${ctx.account.appId}:${message.fromUserName}`, { key: message.eventKey, at: Date.now() });
    return onClick ? onClick(message, ctx) : null;
  };
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

function captureLeads(message: InboundMessage, ctx: HandlerContext, deps: CustomerServiceHandlerDeps): void {
  if (message.kind !== 'text' || !deps.leads) return;
  void deps.leads.capture(ctx.account.appId, message.fromUserName, { text: message.content, msgId: message.msgId, at: new Date(message.createTime * 1000) });
}

/** True when nothing needs filing: settings and rules known here, a rule answers, no person is asked for, no conversation is open. */
function fastPath(message: InboundMessage, ctx: HandlerContext, settings: DeskSettings | undefined, deps: CustomerServiceHandlerDeps, noConversation: Map<string, number>): boolean {
  if (!settings) return false;
  if (!settings.enabled) return true;
  const key = `${ctx.account.appId}:${message.fromUserName}`;
  const since = noConversation.get(key);
  if (since === undefined || Date.now() - since > NO_CONVERSATION_TTL_MS) return false;
  const compiled = deps.rules.peek?.(ctx.account.appId);
  if (!compiled) return false;
  const match = compiled.match(message, { now: ctx.now, timeZone: ctx.account.timeZone });
  return match !== null && !match.rule.replies.some((r) => r.type === 'transfer_customer_service')
    && !(message.kind === 'text' && asksForPerson(message.content, settings.handoffKeywords));
}

async function onFollowerMessage(
  message: InboundMessage, ctx: HandlerContext, inner: Handler | undefined,
  settingsOf: (appId: string) => Promise<DeskSettings>, deps: CustomerServiceHandlerDeps, noConversation: Map<string, number>, menuKey: string | null,
): Promise<Reply | null> {
  const { account, now } = ctx;
  const text = textOf(message);
  const settings = await settingsOf(account.appId);
  if (!settings.enabled) return inner ? inner(message, ctx) : null;

  const match = (await deps.rules.compiledFor(account.appId)).match(message, { now, timeZone: account.timeZone });
  const transfer = match?.rule.replies.some((r) => r.type === 'transfer_customer_service') ?? false;
  const asked = message.kind === 'text' && asksForPerson(text, settings.handoffKeywords);
  const reason: OpenReason | null = asked ? 'asked' : transfer ? 'transfer_rule' : match === null ? 'no_rule' : null;
  const key = `${account.appId}:${message.fromUserName}`;
  const filed = await deps.desk.onFollowerMessage(account.appId, {
    openid: message.fromUserName, msgId: message.msgId, kind: message.kind, text, at: new Date(message.createTime * 1000), menuKey,
  }, reason, settings).then((result) => {
    if (result === null) remember(noConversation, key, Date.now());
    else noConversation.delete(key);
    return result;
  }).catch((err: unknown) => {
    // The follower still gets the automatic answer; the message stays in the log for a person to find.
    deps.logger.error({ err, appId: account.appId, openid: message.fromUserName, reason }, 'could not file the message in a conversation');
    return null;
  });

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

// The keywords normalized once per settings object (they change with the settings), not per message.
const normalizedKeywords = new WeakMap<readonly string[], string[]>();

function asksForPerson(text: string, keywords: readonly string[]): boolean {
  let normal = normalizedKeywords.get(keywords);
  if (!normal) normalizedKeywords.set(keywords, (normal = keywords.map(normalizeText)));
  const normalized = normalizeText(text);
  return normal.some((k) => normalized.includes(k));
}

/** Bounded: a burst of new followers must not grow the map without end (the oldest entries go first). */
function remember<T>(map: Map<string, T>, key: string, value: T): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > 100_000) map.delete(map.keys().next().value!);
}
