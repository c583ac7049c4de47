/**
 * Remembers which callbacks were seen and the exact response each got, so WeChat's retries
 * (same XML up to 3 times) never run handlers twice and always receive the same bytes.
 * Redis-backed when several instances share the work, in-process otherwise.
 */
export interface DedupStore {
  /** True when this caller is the first to see `key` within the TTL. */
  claim(key: string, ttlSeconds: number): Promise<boolean>;
  /** Stores the response body the first caller produced. */
  complete(key: string, body: string, ttlSeconds: number): Promise<void>;
  /** The stored body, or null while the first caller is still working (or after the TTL). */
  result(key: string): Promise<string | null>;
}

export type WebhookOutcome = 'reply' | 'success' | 'duplicate' | 'deadline' | 'handler_error' | 'rejected';

/** What the webhook reports for metrics; the HTTP edge implements it with Prometheus. */
export interface WebhookObserver {
  request(appId: string, kind: string, outcome: WebhookOutcome, seconds: number): void;
  dedupHit(appId: string): void;
  signatureFailure(appId: string): void;
}

export const nullObserver: WebhookObserver = { request() {}, dedupHit() {}, signatureFailure() {} };
