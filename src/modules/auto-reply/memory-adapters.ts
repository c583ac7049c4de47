import type { Clock } from '../../shared/clock';
import { ConflictError } from '../../shared/errors';
import type { AutoReplyRule } from './auto-reply';
import type { AutoReplyRuleRepository, CooldownStore, RuleChangeBus } from './auto-reply.ports';

/**
 * In-process adapters: the embedded profile without Redis (one instance, so "every instance" is
 * this one) and the fakes of unit tests.
 */

/** Listeners hear a change synchronously, before publish resolves: a read right after a write sees it. */
export class MemoryRuleChangeBus implements RuleChangeBus {
  private readonly listeners: Array<(appId: string) => void> = [];

  async publish(appId: string): Promise<void> {
    for (const listener of this.listeners) listener(appId);
  }

  async subscribe(listener: (appId: string) => void): Promise<void> {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {
    this.listeners.length = 0;
  }
}

/** Sweep expired entries once the map passes this size, so followers who never return do not pile up. */
const SWEEP_AT = 10_000;

export class MemoryCooldownStore implements CooldownStore {
  private readonly until = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  async take(key: string, cooldownSeconds: number): Promise<boolean> {
    if (cooldownSeconds <= 0) return true;
    const now = this.clock.now().getTime();
    const end = this.until.get(key);
    if (end !== undefined && end > now) return false;
    if (this.until.size >= SWEEP_AT) this.sweep(now);
    this.until.set(key, now + cooldownSeconds * 1000);
    return true;
  }

  private sweep(now: number): void {
    for (const [key, end] of this.until) if (end <= now) this.until.delete(key);
  }
}

/** The repository contract in a Map (ids unique across accounts, as in SQLite); copies in and out. */
export class MemoryAutoReplyRuleRepository implements AutoReplyRuleRepository {
  private readonly rows = new Map<string, AutoReplyRule>();

  async listByAccount(appId: string): Promise<AutoReplyRule[]> {
    return [...this.rows.values()]
      .filter((r) => r.appId === appId)
      .sort((a, b) => (a.createdAt === b.createdAt ? cmp(a.id, b.id) : cmp(a.createdAt, b.createdAt)))
      .map(copy);
  }

  async get(appId: string, id: string): Promise<AutoReplyRule | null> {
    const rule = this.rows.get(id);
    return rule && rule.appId === appId ? copy(rule) : null;
  }

  async save(rule: AutoReplyRule): Promise<void> {
    this.check([rule]);
    this.rows.set(rule.id, copy(rule));
  }

  async replaceAll(appId: string, rules: AutoReplyRule[]): Promise<void> {
    this.check(rules.map((r) => ({ ...r, appId })));
    for (const [id, r] of this.rows) if (r.appId === appId) this.rows.delete(id);
    for (const r of rules) this.rows.set(r.id, copy({ ...r, appId }));
  }

  async remove(appId: string, id: string): Promise<boolean> {
    if (this.rows.get(id)?.appId !== appId) return false;
    return this.rows.delete(id);
  }

  async fingerprint(appId: string): Promise<string> {
    const rules = [...this.rows.values()].filter((r) => r.appId === appId);
    return `${rules.length}|${rules.reduce((max, r) => (r.updatedAt > max ? r.updatedAt : max), '')}`;
  }

  private check(rules: AutoReplyRule[]): void {
    const taken = rules.find((r) => {
      const existing = this.rows.get(r.id);
      return existing !== undefined && existing.appId !== r.appId;
    });
    if (taken) throw new ConflictError(`the rule id ${taken.id} is taken by another account`, { id: taken.id });
  }
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const copy = (rule: AutoReplyRule): AutoReplyRule => structuredClone(rule);
