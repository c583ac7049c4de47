import { AhoCorasick, Trie } from './aho-corasick';
import { byRank, outranks, SPECIFICITY, type KeywordEntry, type RuleInfo } from './engine-rank';
import { normalizeText } from './normalize';
import { checkRegexSafety, REGEX_FLAGS } from './regex-guard';
import { isLinear, requiredLiteral } from './regex-guard-literal';
import { parseRegex } from './regex-guard-parse';
import { compileLinear } from './regex-linear';
import type { RegexCandidate } from './regex-guard-runner';

export interface RegexEntry extends KeywordEntry, RegexCandidate {}

/**
 * All keyword rules of an account, indexed by mode so a message costs time in its own length and
 * the number of hits, not in the number of rules:
 * - exact: a hash map from the normalized keyword;
 * - prefix: a trie walked from the message's first character;
 * - contains: an Aho-Corasick automaton (every keyword occurring anywhere in the message, one pass);
 * - regex: compiled once, sorted by rank, pre-filtered by each pattern's required literal, found by
 *   the same automaton in the same pass (one walk over a 100 000-keyword automaton is mostly cache
 *   misses, so two walks cost nearly twice); patterns without one are candidates for every message.
 * Keywords are matched as plain text: regex characters in exact/prefix/contains keywords are literal.
 */
export class KeywordIndex {
  private readonly exact = new Map<string, KeywordEntry[]>();
  private readonly prefix = new Trie<KeywordEntry>();
  /** Contains keywords (their entries) and regex literals (the pattern's index into `regexes`). */
  private readonly contains = new AhoCorasick<KeywordEntry | number>();
  private regexes: RegexEntry[] = [];
  /** Indices (into `regexes`) of patterns without a required literal. */
  private unfiltered: number[] = [];
  /** Scratch marks for de-duplicating literal hits, reused across messages. */
  private readonly seen: Uint8Array;

  constructor(infos: readonly RuleInfo[]) {
    const regexes: { entry: RegexEntry; literal: string | null }[] = [];
    for (const info of infos) {
      if (info.rule.trigger.kind !== 'keyword') continue;
      info.rule.trigger.keywords.forEach((keyword, position) => {
        if (keyword.mode === 'regex') {
          const compiled = compileRegex(keyword.text);
          if (compiled !== null) regexes.push({ entry: { info, keyword, position, specificity: SPECIFICITY.regex, length: 0, ...compiled.candidate }, literal: compiled.literal });
          return;
        }
        const text = normalizeText(keyword.text);
        if (text === '') return; // validation forbids it; an empty keyword would match everything
        const entry: KeywordEntry = { info, keyword, position, specificity: SPECIFICITY[keyword.mode], length: text.length };
        if (keyword.mode === 'exact') pushTo(this.exact, text, entry);
        else if (keyword.mode === 'prefix') this.prefix.add(text, entry);
        else this.contains.add(text, entry);
      });
    }
    for (const list of this.exact.values()) list.sort(byRank);
    regexes.sort((a, b) => byRank(a.entry, b.entry));
    this.regexes = regexes.map((r) => r.entry);
    regexes.forEach((r, i) => (r.literal === null ? this.unfiltered.push(i) : this.contains.add(r.literal, i)));
    this.contains.build();
    this.seen = new Uint8Array(this.regexes.length);
  }

  /**
   * For the normalized text: the best exact/prefix/contains entry whose rule `accept`s, and the regex
   * entries worth running, best first: those whose literal occurs in the text (or that have none),
   * ranked above that entry's priority (a regex never beats a literal match of equal priority: it is
   * the least specific), whose rule `accept`s.
   */
  scan(text: string, accept: (info: RuleInfo) => boolean): { best: KeywordEntry | null; regexes: RegexEntry[] } {
    let best: KeywordEntry | null = null;
    const consider = (e: KeywordEntry) => {
      if ((best === null || outranks(e, best)) && accept(e.info)) best = e;
    };
    const seen = this.seen;
    const hits = this.unfiltered.slice();
    const exact = this.exact.get(text);
    if (exact !== undefined) for (const e of exact) consider(e);
    this.prefix.prefixesOf(text, consider);
    this.contains.search(text, (v) => {
      if (typeof v !== 'number') consider(v);
      else if (seen[v] === 0) {
        seen[v] = 1;
        hits.push(v);
      }
    });
    for (const i of hits) seen[i] = 0;
    return { best, regexes: this.regexCandidates(hits, (best as KeywordEntry | null)?.info.rule.priority ?? -Infinity, accept) };
  }

  private regexCandidates(hits: number[], abovePriority: number, accept: (info: RuleInfo) => boolean): RegexEntry[] {
    if (hits.length === 0) return [];
    hits.sort((a, b) => a - b);
    const out: RegexEntry[] = [];
    for (const i of hits) {
      const e = this.regexes[i]!;
      if (e.info.rule.priority <= abovePriority) break; // sorted by rank, so by priority first
      if (accept(e.info)) out.push(e);
    }
    return out;
  }
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/**
 * Null when the pattern does not compile (stored before validation existed): such a keyword never
 * matches. A guard-approved linear pattern runs as a JS RegExp; any other pattern runs on RE2 when
 * RE2 can run it (linear time whatever the pattern, even one the guard rejects), and otherwise
 * (back-references, look-around) in the time-bounded sandbox.
 */
function compileRegex(pattern: string): { candidate: RegexCandidate; literal: string | null } | null {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, REGEX_FLAGS);
  } catch {
    return null;
  }
  const ast = parseRegex(pattern);
  const literal = requiredLiteral(ast);
  if (checkRegexSafety(pattern).ok && isLinear(ast)) return { candidate: { regex, direct: true }, literal };
  const linear = compileLinear(pattern, REGEX_FLAGS);
  return { candidate: linear ? { regex: linear, direct: true } : { regex, direct: false }, literal };
}
