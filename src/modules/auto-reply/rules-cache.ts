import type { AutoReplyRuleRepository, RuleChangeBus } from './auto-reply.ports';
import type { CompiledRules, CompileRules } from './engine.contract';

/**
 * What a bus delivers when it cannot say which account changed (e.g. its Redis subscription was
 * down for a while and messages may be lost): every account's copy is dropped.
 */
export const ALL_ACCOUNTS = '*';

export interface RulesCacheDeps {
  repo: Pick<AutoReplyRuleRepository, 'listByAccount' | 'fingerprint'>;
  bus: RuleChangeBus;
  compile: CompileRules;
}

/**
 * Each account's rules compiled once and kept in memory, so the webhook never reads the store or
 * compiles on its hot path. Built lazily on first use; dropped when the bus says the account's
 * rules changed (on this instance or any other), and rebuilt on the next use.
 *
 * A change that lands while a build is reading the store must not be overwritten by that build's
 * older result: every account carries a generation, bumped on each change, and a build only keeps
 * its result when the generation is still the one it started under.
 */
export class RulesCache {
  private readonly compiled = new Map<string, CompiledRules>();
  private readonly loading = new Map<string, Promise<CompiledRules>>();
  private readonly generations = new Map<string, number>();
  /** The store's fingerprint of each account's rules when they were compiled (see revalidate). */
  private readonly fingerprints = new Map<string, string>();
  private epoch = 0;

  private constructor(private readonly deps: RulesCacheDeps) {}

  /** A cache already listening to the bus. */
  static async start(deps: RulesCacheDeps): Promise<RulesCache> {
    const cache = new RulesCache(deps);
    await deps.bus.subscribe((appId) => cache.invalidate(appId));
    return cache;
  }

  /** The compiled rules when they are built already: the synchronous fast path for the webhook. */
  peek(appId: string): CompiledRules | undefined {
    return this.compiled.get(appId);
  }

  compiledFor(appId: string): Promise<CompiledRules> {
    const hit = this.compiled.get(appId);
    if (hit) return Promise.resolve(hit);
    // One build per account at a time: a burst of messages after a change compiles once.
    const pending = this.loading.get(appId);
    if (pending) return pending;
    const build = this.build(appId);
    this.loading.set(appId, build);
    return build;
  }

  /** Drops an account's copy (or every copy for ALL_ACCOUNTS). Called by the bus; public for tests and tools. */
  invalidate(appId: string): void {
    if (appId === ALL_ACCOUNTS) {
      this.epoch += 1;
      this.compiled.clear();
      this.loading.clear();
      return;
    }
    this.generations.set(appId, this.generationOf(appId) + 1);
    this.compiled.delete(appId);
    this.loading.delete(appId);
  }

  /**
   * Drops every compiled account whose rules changed in the store behind the bus's back. Without
   * Redis there is no bus between processes, so main.ts calls this every few seconds: an operator's
   * `wxoa rules import` then reaches a running embedded server without a restart.
   */
  async revalidate(): Promise<void> {
    for (const appId of [...this.compiled.keys()]) {
      const known = this.fingerprints.get(appId);
      if (known !== undefined && known !== (await this.deps.repo.fingerprint(appId))) this.invalidate(appId);
    }
  }

  /** How many accounts are compiled now (for metrics and tests). */
  get size(): number {
    return this.compiled.size;
  }

  private async build(appId: string): Promise<CompiledRules> {
    const epoch = this.epoch;
    const generation = this.generationOf(appId);
    const current = () => this.epoch === epoch && this.generationOf(appId) === generation;
    try {
      // The fingerprint is read before the rules, one after the other (in parallel, a store with a
      // connection pool may answer them in either order): a change in between shows as stale next time.
      const fingerprint = await this.deps.repo.fingerprint(appId);
      const rules = await this.deps.repo.listByAccount(appId);
      const compiled = this.deps.compile(rules);
      if (current()) {
        this.compiled.set(appId, compiled);
        this.fingerprints.set(appId, fingerprint);
      }
      return compiled;
    } finally {
      if (current()) this.loading.delete(appId);
    }
  }

  private generationOf(appId: string): number {
    return this.generations.get(appId) ?? 0;
  }
}
