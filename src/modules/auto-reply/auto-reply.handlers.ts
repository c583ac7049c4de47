import type { Logger } from '../../shared/logger';
import type { InboundMessage, Reply } from '../../wechat';
import type { HandlerContext, HandlerMap } from '../webhook';
import type { ReplyContent } from './auto-reply';
import type { CooldownStore } from './auto-reply.ports';
import type { CompiledRules, Match, MatchContext } from './engine.contract';
import type { FollowUpSender } from './follow-up';
import { fillReply } from './placeholders';

export interface AutoReplyHandlerDeps {
  rules: { compiledFor(appId: string): Promise<CompiledRules>; peek?(appId: string): CompiledRules | undefined };
  cooldowns: CooldownStore;
  followUps: FollowUpSender;
  logger: Logger;
  /** Pause before reply-all follow-ups, so they reach the phone after the passive reply. */
  followUpDelayMs?: number;
  random?: () => number;
}

/**
 * The auto-reply capability's entry in the webhook's dispatch table. The first reply of the
 * matching rule is the passive answer; in reply-all mode the rest go out through the
 * customer-service API afterwards. A follower's message that no rule answers gets the default
 * reply, at most once per cool-down per follower.
 */
export function autoReplyHandlers(deps: AutoReplyHandlerDeps): HandlerMap {
  const answer = (compiled: CompiledRules, message: InboundMessage, account: HandlerContext['account'], now: Date): Reply | null | Promise<Reply | null> => {
    const ctx: MatchContext = { now, timeZone: account.timeZone, random: deps.random };
    const match = compiled.match(message, ctx);
    if (match) return deliver(deps, match, message, account, now);
    // Events never get the default reply: a follow or a menu tap without a rule stays silent.
    if (message.msgType === 'event') return null;
    return defaultFor(compiled, message, ctx, account.appId, deps.cooldowns).then((fallback) => (fallback ? deliver(deps, fallback, message, account, now) : null));
  };
  return {
    // Synchronous when the account's rules are already compiled and a rule matches: the webhook
    // then answers without a timer or a promise chain (the common case on the hot path).
    '*': (message, { account, now }) => {
      const compiled = deps.rules.peek?.(account.appId);
      if (compiled) return answer(compiled, message, account, now);
      return deps.rules.compiledFor(account.appId).then((c) => answer(c, message, account, now));
    },
  };
}

function deliver(deps: AutoReplyHandlerDeps, match: Match, message: InboundMessage, account: HandlerContext['account'], now: Date): Reply | null {
  if (match.replies.length === 0) return null;
  const replies = match.replies.map((r) => fillReply(r, message, match, account, now));
  const [first, ...rest] = replies;
  if (rest.length > 0) scheduleFollowUps(deps, account.appId, message.fromUserName, rest);
  return toReply(first!);
}

/** The default rule for a follower's message (the caller has ruled out events), within its cool-down. */
async function defaultFor(compiled: CompiledRules, message: InboundMessage, ctx: MatchContext, appId: string, cooldowns: CooldownStore): Promise<Match | null> {
  const fallback = compiled.defaultRule(ctx);
  if (!fallback) return null;
  const seconds = fallback.rule.cooldownMinutes * 60;
  if (seconds > 0 && !(await cooldowns.take(`${appId}:${message.fromUserName}`, seconds))) return null;
  return fallback;
}

function scheduleFollowUps(deps: AutoReplyHandlerDeps, appId: string, openid: string, replies: ReplyContent[]): void {
  const timer = setTimeout(() => {
    deps.followUps.send(appId, openid, replies).catch((err: unknown) => deps.logger.error({ err, appId }, 'auto-reply follow-ups failed'));
  }, deps.followUpDelayMs ?? 300);
  timer.unref();
}

/** Rule contents and passive replies share their shape; the webhook trims news to what WeChat allows. */
function toReply(content: ReplyContent): Reply {
  return content as Reply;
}
