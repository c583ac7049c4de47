import { fitReplyTo, renderReply, type InboundMessage, type Reply } from '../../wechat';
import type { ReplyContent } from './auto-reply';
import type { CompiledRules, Match } from './engine.contract';
import { toCustomMessage } from './follow-up';
import { fillReply } from './placeholders';

/** What the dry run needs of the account. */
export interface DryRunAccount {
  appId: string;
  name: string;
  originalId: string | null;
  timeZone: string;
}

export interface DryRunResult {
  /** The inbound message as the webhook would type it (kind, event, key, text). */
  inbound: { kind: string; msgType: string; event: string | null; eventKey: string | null; content?: string };
  matched: { ruleId: string; name: string; trigger: string; default: boolean; keyword?: { text: string; mode: string } } | null;
  /** Every reply that would go out, placeholders filled: the passive one first, then the later ones. */
  replies: ReplyContent[];
  /** Exactly the body the webhook would answer with (before encryption in safe mode); null when it answers `success`. */
  passiveReplyXml: string | null;
  /** Sent afterwards through the customer-service API (reply-all mode). */
  laterReplies: ReplyContent[];
  /** What the operator should know that the replies alone do not say (cool-downs, cut news, unsendable replies). */
  notes: string[];
}

/**
 * Runs a message through the account's compiled rules as the webhook would, without sending
 * anything and without starting a default-reply cool-down (that would silence a real follower).
 */
export function dryRun(compiled: CompiledRules, message: InboundMessage, account: DryRunAccount, now: Date, random?: () => number): DryRunResult {
  const ctx = { now, timeZone: account.timeZone, random };
  const found = compiled.match(message, ctx);
  // Like the webhook: events never get the default reply, a follower's message does.
  const match = found ?? (message.msgType === 'event' ? null : compiled.defaultRule(ctx));
  const result: DryRunResult = { inbound: inboundView(message), matched: null, replies: [], passiveReplyXml: null, laterReplies: [], notes: [] };
  if (!match) return result;
  result.matched = matchedView(match, found === null);
  if (found === null && match.rule.cooldownMinutes > 0) {
    result.notes.push(`the default reply goes to the same follower at most once every ${match.rule.cooldownMinutes} minute(s); the dry run ignores that`);
  }
  const replies = match.replies.map((r) => fillReply(r, message, match, account, now));
  if (replies.length === 0) return result;
  const [first, ...later] = replies;
  const passive = toPassiveReply(first!, message);
  if (passive.type === 'news' && first!.type === 'news' && passive.articles.length < first!.articles.length) {
    result.notes.push(`the news reply is cut to ${passive.articles.length} article(s): WeChat allows no more in answer to a ${message.msgType === 'event' ? 'event' : "follower's message"}`);
  }
  later.forEach((r, i) => {
    if (!toCustomMessage(r)) result.notes.push(`reply ${i + 2} (${r.type}) has no customer-service message equivalent and would not be sent`);
  });
  result.replies = replies;
  result.laterReplies = later;
  result.passiveReplyXml = renderReply(passive, { toUser: message.fromUserName, fromUser: message.toUserName, createTime: message.createTime });
  return result;
}

/** The passive form of a rule's reply: the same shape, news cut to what WeChat accepts for this message (§3). */
export function toPassiveReply(reply: ReplyContent, message: InboundMessage): Reply {
  return fitReplyTo(reply, message);
}

function matchedView(match: Match, isDefault: boolean): NonNullable<DryRunResult['matched']> {
  const view: NonNullable<DryRunResult['matched']> = { ruleId: match.rule.id, name: match.rule.name, trigger: match.rule.trigger.kind, default: isDefault };
  if (match.keyword) view.keyword = { text: match.keyword.text, mode: match.keyword.mode };
  return view;
}

function inboundView(m: InboundMessage): DryRunResult['inbound'] {
  const view: DryRunResult['inbound'] = { kind: m.kind, msgType: m.msgType, event: m.event, eventKey: m.eventKey };
  if (m.kind === 'text') view.content = m.content;
  if (m.kind === 'voice' && m.recognition !== null) view.content = m.recognition;
  return view;
}
