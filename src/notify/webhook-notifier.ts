import { createHmac } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Notification, Notifier } from '../modules/customer-service/customer-service.ports';
import { unixSeconds, type Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';

/** What became of one notification, for metrics (`onResult`). */
export interface DeliveryResult {
  type: Notification['type'];
  appId: string;
  delivered: boolean;
  attempts: number;
  /** The last answer's HTTP status; null when there was none (timeout, network error, bad URL). */
  status: number | null;
  /** Why the last attempt failed ('timeout', 'network: ECONNREFUSED', 'http 500', 'invalid url'); null when delivered. */
  error: string | null;
  ms: number;
}

export interface WebhookNotifierOptions {
  clock: Clock;
  logger: Logger;
  /** Per attempt, until the answer's status line (default 5 s). */
  timeoutMs?: number;
  /** Attempts in all, the first included (default 3). */
  tries?: number;
  /** Wait before the first retry, doubled before each next one (default 1 s). */
  backoffMs?: number;
  /** How a wait is made (tests pass one that records and returns at once). */
  sleep?: (ms: number) => Promise<void>;
  onResult?: (result: DeliveryResult) => void;
}

interface Attempt {
  ok: boolean;
  retryable: boolean;
  status: number | null;
  error: string | null;
}

/** `sha256=` + hex HMAC-SHA256, keyed by the secret, of "<timestamp>.<body>" (docs/notifications.md). */
export function signNotification(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * Delivers notifications to a client's URL: one JSON POST, signed when the account has a secret,
 * retried with exponential backoff on network errors, timeouts, 5xx and 429 (the receiver's
 * trouble, which may pass), not on other answers (the receiver refused it; again would be the same).
 * Never throws: the caller is the webhook or a sweep, and a client's dead endpoint must not break
 * either; the final failure is logged and reported to `onResult`.
 * `deliver` answers whether the client got it; `notify` is the port's void form of it.
 */
export class WebhookNotifier implements Notifier {
  private readonly timeoutMs: number;
  private readonly tries: number;
  private readonly backoffMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: WebhookNotifierOptions) {
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.tries = Math.max(1, options.tries ?? 3);
    this.backoffMs = options.backoffMs ?? 1_000;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** True when the client's URL answered 2xx, within the tries. Never throws. */
  async notify(target: { url: string; secret: string | null }, notification: Notification): Promise<boolean> {
    const started = performance.now();
    let attempts = 0;
    let last: Attempt = { ok: false, retryable: false, status: null, error: 'invalid url' };
    try {
      const url = httpUrl(target.url);
      const body = JSON.stringify({ type: notification.type, appId: notification.appId, at: notification.at, data: notification.data });
      while (url && attempts < this.tries) {
        if (attempts > 0) await this.sleep(this.backoffMs * 2 ** (attempts - 1));
        attempts += 1;
        last = await this.post(url, this.headers(notification.type, body, target.secret), body);
        if (last.ok || !last.retryable) break;
      }
    } catch (err) {
      last = { ok: false, retryable: false, status: null, error: `unexpected: ${(err as Error).message}` };
    }
    this.report(target.url, notification, { delivered: last.ok, attempts, status: last.status, error: last.error, ms: performance.now() - started });
    return last.ok;
  }

  /** Signed afresh for each attempt: the timestamp says when this attempt was made. */
  private headers(type: string, body: string, secret: string | null): Record<string, string> {
    const timestamp = String(unixSeconds(this.options.clock));
    return {
      'content-type': 'application/json',
      'user-agent': 'wxoa-notifier/1',
      'x-wxoa-event': type,
      'x-wxoa-timestamp': timestamp,
      ...(secret ? { 'x-wxoa-signature': signNotification(secret, timestamp, body) } : {}),
    };
  }

  private async post(url: URL, headers: Record<string, string>, body: string): Promise<Attempt> {
    try {
      // redirect 'manual': a redirected POST would turn into a GET elsewhere; a 3xx is a refusal here.
      const res = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(this.timeoutMs) });
      // The answer's body is not needed; cancelling it frees the connection.
      await res.body?.cancel().catch(() => undefined);
      if (res.status >= 200 && res.status < 300) return { ok: true, retryable: false, status: res.status, error: null };
      return { ok: false, retryable: res.status >= 500 || res.status === 429, status: res.status, error: `http ${res.status}` };
    } catch (err) {
      const name = (err as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') return { ok: false, retryable: true, status: null, error: 'timeout' };
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      return { ok: false, retryable: true, status: null, error: `network: ${cause?.code ?? cause?.message ?? (err as Error).message}` };
    }
  }

  private report(rawUrl: string, n: Notification, outcome: Omit<DeliveryResult, 'type' | 'appId'>): void {
    const result: DeliveryResult = { type: n.type, appId: n.appId, ...outcome };
    // Only the origin is logged: a client's URL may carry a key in its path or query.
    const fields = { event: n.type, appId: n.appId, target: originOf(rawUrl), attempts: result.attempts, status: result.status, error: result.error };
    if (result.delivered) this.options.logger.debug(fields, 'notification delivered');
    else this.options.logger.warn(fields, 'notification not delivered');
    try {
      this.options.onResult?.(result);
    } catch (err) {
      this.options.logger.warn({ err: (err as Error).message }, 'notification onResult hook failed');
    }
  }
}

function httpUrl(raw: string): URL | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

function originOf(raw: string): string {
  try {
    return new URL(raw).origin;
  } catch {
    return '(invalid url)';
  }
}
