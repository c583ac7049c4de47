import type { InboundMessage } from '../../wechat';
import type { AutoReplyRule, Keyword, ReplyContent } from './auto-reply';
import type { CompiledRules, CompileRules, Match, MatchContext } from './engine.contract';
import { EventIndex, firstActive } from './engine-events';
import { activeCheck, ageOrder, type KeywordEntry, type RuleInfo } from './engine-rank';
import { KeywordIndex, type RegexEntry } from './keyword-index';
import { normalizeText } from './normalize';
import { RegexRunner, type RegexRunnerOptions } from './regex-guard-runner';

/**
 * The auto-reply matching engine: an account's rules compiled once (when they change) into indexes,
 * then each inbound message answered from them without I/O. Text messages match on their content,
 * voice messages on WeChat's speech recognition when the account has it on; other normal messages
 * (images, locations …) match no keyword rule and fall to the default reply. Only enabled rules whose
 * active windows contain ctx.now in ctx.timeZone answer. Ranking: engine-rank.ts and engine-events.ts.
 */
export interface EngineOptions extends RegexRunnerOptions {
  /** Told when a regex keyword ran out of time on a message (it then counted as no match). */
  onRegexTimeout?: (event: { rule: AutoReplyRule; keyword: Keyword; inputLength: number }) => void;
}

export function compileRules(rules: readonly AutoReplyRule[], options: EngineOptions = {}): CompiledRules {
  const infos = ageOrder(rules.filter((r) => r.enabled));
  const keywords = new KeywordIndex(infos, options.maxInput);
  const events = new EventIndex(infos);
  const runner = new RegexRunner(options);
  // A keyword's answer is the same every time unless its rule picks one reply at random, so it is
  // made once, on first use: at 100 000 rules, building it from the entry, the rule info, the rule and
  // the keyword cost a cache miss each on every message (bench: p50 at 100 000 rules).
  const answers: (Match | undefined)[] = new Array<Match | undefined>(keywords.size);
  /** Per rank: 1 once its answer is made, 2 when the rule picks a reply at random (the answer is then a template). */
  const made = new Uint8Array(keywords.size);
  const keywordAnswer = (rank: number, ctx: MatchContext): Match => {
    if (made[rank] === 0) {
      const answer = (answers[rank] = answerTo(keywords.entry(rank)));
      made[rank] = answer.rule.replyMode === 'random' && answer.rule.replies.length > 1 ? 2 : 1;
    }
    const answer = answers[rank]!;
    return made[rank] === 1 ? answer : { ...answer, replies: pickReplies(answer.rule, ctx.random ?? Math.random) };
  };
  const onTimeout = (inputLength: number) => (e: RegexEntry) =>
    options.onRegexTimeout?.({ rule: e.info.rule, keyword: e.keyword, inputLength });
  /** The best keyword entry's rank for a follower's text, or -1. */
  const keywordRank = (raw: string, accept: (info: RuleInfo) => boolean): number => {
    const text = normalizeText(raw);
    if (text === '') return -1;
    const found = keywords.scan(text, accept);
    if (found.regexes.length > 0) {
      const k = runner.firstMatch(found.regexes, text, onTimeout(text.length));
      if (k >= 0) return found.regexes[k]!.rank;
    }
    return found.best;
  };
  // The webhook asks twice about one message (customer service, to see whether a rule answers, then
  // the auto-reply handler): the second time the rank is remembered, and only the reply pick redone.
  let last: { message: InboundMessage | null; at: number; timeZone: string; rank: number } = { message: null, at: NaN, timeZone: '', rank: -1 };

  return {
    size: infos.length,

    match(message: InboundMessage, ctx: MatchContext): Match | null {
      const accept = activeCheck(ctx.now, ctx.timeZone);
      const raw = textOf(message);
      if (raw === null) {
        const info = events.match(message, accept);
        return info === null ? null : answer(info, ctx);
      }
      const at = ctx.now.getTime();
      if (message !== last.message || at !== last.at || ctx.timeZone !== last.timeZone) {
        last = { message, at, timeZone: ctx.timeZone, rank: keywordRank(raw, accept) };
      }
      return last.rank === -1 ? null : keywordAnswer(last.rank, ctx);
    },

    defaultRule(ctx: MatchContext): Match | null {
      const info = firstActive(events.defaults, activeCheck(ctx.now, ctx.timeZone));
      return info === null ? null : answer(info, ctx);
    },
  };
}

// The contract's signature, checked: the options are optional.
const _conforms: CompileRules = compileRules;

/** What a keyword rule is matched against, or null for events and non-text messages. */
function textOf(message: InboundMessage): string | null {
  if (message.kind === 'text') return message.content;
  if (message.kind === 'voice') return message.recognition ?? '';
  return message.event === null ? '' : null;
}

function answer(info: RuleInfo, ctx: MatchContext): Match {
  return { rule: info.rule, replies: pickReplies(info.rule, ctx.random ?? Math.random) };
}

function answerTo({ info: { rule }, keyword }: KeywordEntry): Match {
  return Object.freeze({ rule, replies: rule.replies, keyword: Object.freeze({ text: keyword.text, mode: keyword.mode }) });
}

/** random: one reply, each equally likely; all: every reply in the order written. */
export function pickReplies(rule: AutoReplyRule, random: () => number): readonly ReplyContent[] {
  if (rule.replyMode === 'all' || rule.replies.length <= 1) return rule.replies;
  const n = rule.replies.length;
  // min(): a random() returning exactly 1 (a broken or test RNG) must not index past the end.
  return [rule.replies[Math.min(n - 1, Math.floor(random() * n))]!];
}
