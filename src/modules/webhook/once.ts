import type { DedupStore } from './webhook.ports';

export interface OnceResult {
  body: string;
  /** True when this call did not run the work because another call (here or elsewhere) did. */
  duplicate: boolean;
}

/**
 * Runs `work` at most once per key across every instance sharing the DedupStore, and hands every
 * caller the same body. Concurrent callers in this process share one promise; callers elsewhere
 * poll the store for the first caller's result.
 */
export class OnceGate {
  private readonly inFlight = new Map<string, Promise<string>>();

  constructor(
    private readonly store: DedupStore,
    private readonly ttlSeconds: number,
    /** How long a duplicate waits for the first caller's body before answering `fallback`. */
    private readonly waitMs: number,
    private readonly pollMs = 20,
  ) {}

  async run(key: string, work: () => Promise<string>, fallback: string): Promise<OnceResult> {
    const local = this.inFlight.get(key);
    if (local) return { body: await local, duplicate: true };
    if (!(await this.store.claim(key, this.ttlSeconds))) {
      return { body: await this.waitForResult(key, fallback), duplicate: true };
    }
    const promise = work().then(async (body) => {
      await this.store.complete(key, body, this.ttlSeconds);
      return body;
    });
    this.inFlight.set(key, promise);
    try {
      return { body: await promise, duplicate: false };
    } finally {
      this.inFlight.delete(key);
    }
  }

  private async waitForResult(key: string, fallback: string): Promise<string> {
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      const local = this.inFlight.get(key);
      if (local) return local;
      const stored = await this.store.result(key);
      if (stored !== null) return stored;
      // The first caller is still working (or died): past the wait, `success` is the safe answer,
      // since WeChat then stops retrying and the first caller's reply, if any, is queued.
      if (Date.now() >= deadline) return fallback;
      await new Promise((r) => setTimeout(r, this.pollMs));
    }
  }
}
