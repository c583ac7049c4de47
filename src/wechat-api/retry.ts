/**
 * Exponential backoff with full jitter and a cap (AWS Architecture Blog, "Exponential Backoff And
 * Jitter"): attempt n waits random() × min(cap, base × factor^n). Full jitter spreads the retries of
 * many instances that failed together (a WeChat -1 burst hits everyone at once) instead of
 * synchronising them into waves.
 */
export interface RetryPolicy {
  /** Retries after the first attempt; 0 turns retrying off. */
  retries: number;
  baseMs: number;
  factor: number;
  capMs: number;
  /** Injectable so tests neither wait nor depend on chance. */
  sleep: (ms: number) => Promise<void>;
  /** In [0, 1). */
  random: () => number;
}

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const defaultRetryPolicy: RetryPolicy = {
  retries: 3,
  baseMs: 200,
  factor: 2,
  capMs: 5_000,
  sleep: realSleep,
  random: Math.random,
};

export function retryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  return { ...defaultRetryPolicy, ...overrides };
}

/** The wait before retry number `retry` (0-based). */
export function backoffDelay(retry: number, policy: Pick<RetryPolicy, 'baseMs' | 'factor' | 'capMs' | 'random'>): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * policy.factor ** retry);
  return Math.floor(policy.random() * ceiling);
}

export interface RetryEvent {
  retry: number;
  delayMs: number;
  error: unknown;
}

/**
 * Runs `work` until it succeeds, fails with something `isTransient` rejects, or the retries are
 * spent; the last error is rethrown unchanged so callers see the real WeChat failure.
 */
export async function withRetry<T>(
  work: (attempt: number) => Promise<T>,
  isTransient: (err: unknown) => boolean,
  policy: RetryPolicy,
  onRetry?: (event: RetryEvent) => void,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work(attempt);
    } catch (error) {
      if (attempt >= policy.retries || !isTransient(error)) throw error;
      const delayMs = backoffDelay(attempt, policy);
      onRetry?.({ retry: attempt + 1, delayMs, error });
      await policy.sleep(delayMs);
    }
  }
}
