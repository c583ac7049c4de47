import type { AutoReplyRule } from './auto-reply';

/** Rules of every account; the rule itself is stored whole (JSON in SQLite, a document in MongoDB). */
export interface AutoReplyRuleRepository {
  listByAccount(appId: string): Promise<AutoReplyRule[]>;
  get(appId: string, id: string): Promise<AutoReplyRule | null>;
  /** Insert or replace by id. */
  save(rule: AutoReplyRule): Promise<void>;
  /** Replaces all of an account's rules in one transaction (bulk import). */
  replaceAll(appId: string, rules: AutoReplyRule[]): Promise<void>;
  remove(appId: string, id: string): Promise<boolean>;
  /**
   * Changes whenever the account's rules change (count and latest update), cheap to read: lets an
   * instance without a change bus notice edits made by another process (the CLI on the same file).
   */
  fingerprint(appId: string): Promise<string>;
}

/** Tells every instance that an account's rules changed (Redis pub/sub; in-process without Redis). */
export interface RuleChangeBus {
  publish(appId: string): Promise<void>;
  subscribe(listener: (appId: string) => void): Promise<void>;
  close(): Promise<void>;
}

/** Per-follower cool-down of the default reply, shared by instances when Redis is there. */
export interface CooldownStore {
  /** True when the follower may get the default reply now (and starts the cool-down). */
  take(key: string, cooldownSeconds: number): Promise<boolean>;
}
