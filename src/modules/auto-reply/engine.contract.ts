import type { InboundMessage } from '../../wechat';
import type { AutoReplyRule, ReplyContent } from './auto-reply';

/**
 * The matching engine's surface (implemented in engine.ts and friends, pure, no I/O):
 * compile an account's rules once into an index, then answer each inbound message from it.
 */
export interface MatchContext {
  now: Date;
  /** The account's IANA time zone, for active windows. */
  timeZone: string;
  /** Injected for the random-one mode, so tests can fix it. */
  random?: () => number;
}

/** Read-only: the engine may hand the same Match (and the rule's own reply list) to every message a keyword answers. */
export interface Match {
  readonly rule: AutoReplyRule;
  /** The replies to send in order: one for 'random', all for 'all'. Placeholders not yet filled. */
  readonly replies: readonly ReplyContent[];
  /** Which keyword matched, for the dry run and the logs. */
  readonly keyword?: { readonly text: string; readonly mode: string };
}

export interface CompiledRules {
  /** The best matching enabled, active rule for the message, or null (the default rule is NOT included here). */
  match(message: InboundMessage, ctx: MatchContext): Match | null;
  /** The enabled, active default rule, if any. */
  defaultRule(ctx: MatchContext): Match | null;
  readonly size: number;
}

export type CompileRules = (rules: readonly AutoReplyRule[]) => CompiledRules;
