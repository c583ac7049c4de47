import { createWeChatApiClient, type WeChatApiClient, type WeChatApiClientOptions } from '../../src/wechat-api/client';
import { MemoryTokenStore } from '../../src/wechat-api/token-store';
import { silentLogger } from '../../src/shared/logger';

/**
 * A client for `url` (usually the emulator) with its own in-memory token store, a silent logger
 * and retry timings short enough that transient-failure tests take milliseconds.
 */
export function apiClientFor(url: string, appId: string, appSecret: string, opts: Partial<WeChatApiClientOptions> = {}): WeChatApiClient {
  return createWeChatApiClient({
    baseUrl: url,
    appId,
    appSecret,
    tokenStore: new MemoryTokenStore(opts.clock),
    logger: silentLogger,
    timeoutMs: 5_000,
    ...opts,
    retry: { baseMs: 1, capMs: 5, ...opts.retry },
    tokens: { pollIntervalMs: 5, lockTtlMs: 5_000, ...opts.tokens },
  });
}
