import { LRUCache } from 'lru-cache';
import type { DedupStore } from './webhook.ports';

const PENDING = '\u0000pending';

/**
 * In-process dedup for a single instance: a bounded LRU with per-entry TTL, so a flood of distinct
 * messages cannot grow memory without bound (the oldest keys go first).
 */
export class MemoryDedupStore implements DedupStore {
  private readonly cache: LRUCache<string, string>;

  constructor(maxEntries = 100_000) {
    this.cache = new LRUCache<string, string>({ max: maxEntries, ttlAutopurge: false });
  }

  async claim(key: string, ttlSeconds: number): Promise<boolean> {
    if (this.cache.has(key)) return false;
    this.cache.set(key, PENDING, { ttl: ttlSeconds * 1000 });
    return true;
  }

  async complete(key: string, body: string, ttlSeconds: number): Promise<void> {
    this.cache.set(key, body, { ttl: ttlSeconds * 1000 });
  }

  async result(key: string): Promise<string | null> {
    const v = this.cache.get(key);
    return v === undefined || v === PENDING ? null : v;
  }
}
