import { AhoCorasick, Trie } from './aho-corasick';
import { byRank, SPECIFICITY, type KeywordEntry, type RuleInfo } from './engine-rank';
import { compilePattern, mayRun, type CompiledPattern } from './keyword-regex';
import { normalizeText } from './normalize';
import { DEFAULT_REGEX_MAX_INPUT } from './regex-guard-runner';
import { charKinds } from './regex-required-chars';

/** A regex keyword: the entry, its rank, and its compiled pattern's fields (copied, so the hot path reads one object). */
export interface RegexEntry extends KeywordEntry, CompiledPattern {
  rank: number;
}

const NONE = 0x7fffffff;
/** Bits of KeywordIndex.flags[rank]. */
const WINDOWED = 1;
const REGEX = 2;
const EXACT = 4;
const NO_REGEXES: readonly RegexEntry[] = [];

/**
 * All keyword rules of an account, indexed by mode so a message costs time in its own length and
 * the number of hits, not in the number of rules:
 * - exact and prefix: one trie walked from the message's first character (an exact keyword must end
 *   where the message ends); ordinary text leaves it after a character or two, where a hash map of
 *   60 000 keywords would compare the message with keys spread over the heap;
 * - contains: an Aho-Corasick automaton (every keyword occurring anywhere in the message, one pass);
 * - regex: compiled once per distinct pattern, pre-filtered by the pattern's required literal (found
 *   by the same automaton in the same pass: one walk over a 100 000-keyword automaton is mostly cache
 *   misses, so two walks cost nearly twice), by its other literals, the kinds of character it needs
 *   and the lengths it can match (keyword-regex.ts).
 * Every entry is numbered by its rank (engine-rank.ts), best first, and the indexes hold those
 * numbers: ranking the hits of a message compares integers and reads no rule until the winner is
 * known, which at 100 000 rules is what keeps a message from touching cold objects all over the heap.
 * Keywords are matched as plain text: regex characters in exact/prefix/contains keywords are literal.
 */
export class KeywordIndex {
  /** Every keyword entry, best-ranked first: an entry's index is its rank. */
  private readonly entries: KeywordEntry[];
  /** Per rank: WINDOWED (its rule has active windows, so `accept` must be asked), REGEX, EXACT. */
  private readonly flags: Uint8Array;
  /** The entry at a rank when it is a regex. */
  private readonly regexAt: (RegexEntry | undefined)[];
  /** Exact and prefix keywords. */
  private readonly anchored = new Trie();
  /** Contains keywords and the regexes' required literals, by rank. */
  private readonly contains = new AhoCorasick();
  /** Ranks of the regexes without a required literal (candidates for every message), ascending. */
  private readonly unfiltered: number[] = [];

  // Per-scan state, reused so a message allocates nothing but its result: the best literal rank so
  // far, the caller's `accept`, the ranks of regexes whose literal occurred, and marks that
  // de-duplicate those (by rank) and the candidates (by pattern).
  private best = NONE;
  private textLength = 0;
  private accept: (info: RuleInfo) => boolean = () => true;
  private readonly hits: number[] = [];
  private readonly seen: Uint8Array;
  private readonly patternTaken: Uint8Array;

  /** `maxInput`: how much of a message the regex runner shows a pattern (regex-guard-runner.ts). */
  constructor(infos: readonly RuleInfo[], maxInput = DEFAULT_REGEX_MAX_INPUT) {
    const entries: KeywordEntry[] = [];
    const texts = new Map<KeywordEntry, string>();
    const patterns = new Map<string, CompiledPattern | null>();
    for (const info of infos) {
      if (info.rule.trigger.kind !== 'keyword') continue;
      info.rule.trigger.keywords.forEach((keyword, position) => {
        if (keyword.mode === 'regex') {
          if (!patterns.has(keyword.text)) patterns.set(keyword.text, compilePattern(keyword.text, patterns.size, maxInput));
          const compiled = patterns.get(keyword.text)!;
          if (compiled === null) return;
          const entry: RegexEntry = { info, keyword, position, specificity: SPECIFICITY.regex, length: 0, rank: -1, ...compiled };
          entries.push(entry);
          return;
        }
        const text = normalizeText(keyword.text);
        if (text === '') return; // validation forbids it; an empty keyword would match everything
        const entry: KeywordEntry = { info, keyword, position, specificity: SPECIFICITY[keyword.mode], length: text.length };
        texts.set(entry, text);
        entries.push(entry);
      });
    }
    entries.sort(byRank);
    this.entries = entries;
    this.flags = Uint8Array.from(entries, (e) => (e.info.rule.activeWindows.length > 0 ? WINDOWED : 0) |
      (e.keyword.mode === 'regex' ? REGEX : e.keyword.mode === 'exact' ? EXACT : 0));
    this.regexAt = new Array<RegexEntry | undefined>(entries.length);
    entries.forEach((entry, rank) => {
      if (entry.keyword.mode === 'regex') {
        const e = entry as RegexEntry;
        e.rank = rank;
        this.regexAt[rank] = e;
        if (e.literal === null) this.unfiltered.push(rank);
        else this.contains.add(e.literal, rank);
        return;
      }
      const text = texts.get(entry)!;
      if (entry.keyword.mode === 'contains') this.contains.add(text, rank);
      else this.anchored.add(text, rank);
    });
    this.anchored.build();
    this.contains.build();
    this.seen = new Uint8Array(entries.length);
    this.patternTaken = new Uint8Array(patterns.size);
  }

  get size(): number {
    return this.entries.length;
  }

  entry(rank: number): KeywordEntry {
    return this.entries[rank]!;
  }

  /**
   * For the normalized text: the rank of the best exact/prefix/contains entry whose rule `accept`s
   * (-1: none), and the regex entries worth running, best first: those whose literal occurs in the
   * text (or that have none) and whose other filters it passes, ranked above that entry (a regex
   * never beats a literal match of equal priority: it is the least specific), whose rule `accept`s,
   * one per distinct pattern.
   */
  scan(text: string, accept: (info: RuleInfo) => boolean): { best: number; regexes: readonly RegexEntry[] } {
    this.best = NONE;
    this.textLength = text.length;
    this.accept = accept;
    // Cleared here rather than after the walk, so an `accept` that threw mid-walk last time leaves
    // no regex marked as seen for good.
    for (const rank of this.hits) this.seen[rank] = 0;
    this.hits.length = 0;
    this.anchored.prefixesOf(text, this.onAnchoredHit);
    this.contains.search(text, this.onContainsHit);
    const best = this.best;
    return { best: best === NONE ? -1 : best, regexes: this.regexCandidates(text) };
  }

  private consider(rank: number): void {
    if (rank < this.best && ((this.flags[rank]! & WINDOWED) === 0 || this.accept(this.entries[rank]!.info))) this.best = rank;
  }

  private readonly onAnchoredHit = (rank: number, length: number): void => {
    if ((this.flags[rank]! & EXACT) === 0 || length === this.textLength) this.consider(rank);
  };

  private readonly onContainsHit = (rank: number): void => {
    if ((this.flags[rank]! & REGEX) === 0) this.consider(rank);
    else if (this.seen[rank] === 0) {
      this.seen[rank] = 1;
      this.hits.push(rank);
    }
  };

  private regexCandidates(text: string): readonly RegexEntry[] {
    const hits = this.hits;
    const unfiltered = this.unfiltered;
    if (hits.length === 0 && unfiltered.length === 0) return NO_REGEXES;
    const kinds = charKinds(text);
    for (const rank of unfiltered) {
      if (rank > this.best) break;
      if (mayRun(this.regexAt[rank]!, text, kinds)) hits.push(rank);
    }
    if (hits.length === 0) return NO_REGEXES;
    if (hits.length > 1) hits.sort((a, b) => a - b);
    const out: RegexEntry[] = [];
    try {
      for (const rank of hits) {
        if (rank > this.best) break; // ranked below the literal match, and so is every later one
        const e = this.regexAt[rank]!;
        if (this.patternTaken[e.pattern] === 1 || !mayRun(e, text, kinds)) continue;
        if ((this.flags[rank]! & WINDOWED) !== 0 && !this.accept(e.info)) continue;
        this.patternTaken[e.pattern] = 1;
        out.push(e);
      }
    } finally {
      for (const e of out) this.patternTaken[e.pattern] = 0;
    }
    return out;
  }
}
