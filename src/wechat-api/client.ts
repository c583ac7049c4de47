import axios, { type AxiosInstance } from 'axios';
import type { Clock } from '../shared/clock';
import { silentLogger, type Logger } from '../shared/logger';
import type { ApiCaller, Downloaded, UploadFile } from './caller';
import { isTokenInvalid, isTransientFailure, WeChatApiError, WeChatTransportError } from './errors';
import { retryPolicy, withRetry, type RetryPolicy } from './retry';
import { TokenManager, type TokenFetcher, type TokenManagerOptions, type TokenMode } from './token-manager';
import { MemoryTokenStore, type TokenStore } from './token-store';
import { downloaded, endpointOf, jsonBody, send, type Query, type RawRequest, type RawResponse } from './transport';

export interface WeChatApiClientOptions {
  /** WECHAT_API_BASE, e.g. https://api.weixin.qq.com (or the emulator). */
  baseUrl: string;
  appId: string;
  appSecret: string;
  /**
   * Shared by every instance in production (RedisTokenStore). Without Redis, give every client of a
   * process the same MemoryTokenStore: two stores mean two tokens for one account. Default: a new one.
   */
  tokenStore?: TokenStore;
  tokenMode?: TokenMode;
  timeoutMs?: number;
  clock?: Clock;
  logger?: Logger;
  retry?: Partial<RetryPolicy>;
  /** Tuning for the token manager (margin, lock TTL, polling). */
  tokens?: Partial<Omit<TokenManagerOptions, 'appId' | 'mode' | 'store' | 'fetchToken' | 'clock' | 'logger'>>;
  http?: AxiosInstance;
}

export interface WeChatApiClient extends ApiCaller {
  readonly appId: string;
  readonly tokens: TokenManager;
}

/**
 * The one way out to WeChat. Every call adds access_token, reads the body, turns a non-zero
 * errcode into WeChatApiError, retries transient failures with backoff, and on 40001/40014/42001
 * refreshes the token once and retries once. Logs carry the path only — never the token or secret.
 */
export function createWeChatApiClient(opts: WeChatApiClientOptions): WeChatApiClient {
  const http = opts.http ?? axios.create();
  const logger = (opts.logger ?? silentLogger).child({ appId: opts.appId });
  const transport = { baseUrl: opts.baseUrl, timeoutMs: opts.timeoutMs ?? 10_000 };
  const policy = retryPolicy(opts.retry);

  // https://developers.weixin.qq.com/doc/service/api/base/api_getstableaccesstoken.html
  // https://developers.weixin.qq.com/doc/service/api/base/api_getaccesstoken.html
  const fetchToken: TokenFetcher = async ({ mode, forceRefresh }) => {
    const credentials = { grant_type: 'client_credential', appid: opts.appId, secret: opts.appSecret };
    const req: RawRequest =
      mode === 'stable'
        ? { method: 'POST', path: '/cgi-bin/stable_token', body: () => ({ ...credentials, force_refresh: forceRefresh }) }
        : { method: 'GET', path: '/cgi-bin/token', query: credentials };
    const body = jsonBody(await send(http, transport, req), req.path);
    const { access_token: accessToken, expires_in: expiresIn } = body;
    if (typeof accessToken !== 'string' || accessToken === '' || typeof expiresIn !== 'number' || expiresIn <= 0) {
      throw new WeChatTransportError('bad_response', req.path, 'token answer lacks access_token or expires_in');
    }
    return { accessToken, expiresInSeconds: expiresIn };
  };

  const tokens = new TokenManager({
    ...opts.tokens,
    appId: opts.appId,
    mode: opts.tokenMode ?? 'stable',
    store: opts.tokenStore ?? new MemoryTokenStore(opts.clock),
    fetchToken,
    clock: opts.clock,
    logger,
  });

  async function authed<T>(req: RawRequest, read: (res: RawResponse, endpoint: string) => T): Promise<T> {
    const endpoint = endpointOf(req.path);
    let tokenRetried = false; // once per call, however many transient retries happen around it
    const attempt = async (): Promise<T> => {
      const token = await tokens.getToken();
      try {
        return read(await send(http, transport, req, { access_token: token }), endpoint);
      } catch (err) {
        if (!(err instanceof WeChatApiError) || !isTokenInvalid(err.errcode) || tokenRetried) throw err;
        tokenRetried = true;
        const fresh = await tokens.invalidate(token);
        if (fresh === token) throw err; // WeChat would not hand out another token; retrying would fail the same way
        logger.info({ path: endpoint, errcode: err.errcode }, 'access_token rejected; retrying once with a fresh one');
        return read(await send(http, transport, req, { access_token: fresh }), endpoint);
      }
    };
    const started = performance.now(); // a duration for the debug log, not a point in time: no Clock needed
    try {
      const result = await withRetry(attempt, isTransientFailure, policy, ({ retry, delayMs, error }) => {
        logger.warn({ path: endpoint, retry, delayMs, ...reasonOf(error) }, 'transient WeChat failure; retrying');
      });
      logger.debug({ method: req.method, path: endpoint, ms: Math.round(performance.now() - started) }, 'wechat api call');
      return result;
    } catch (err) {
      logger.debug({ method: req.method, path: endpoint, ms: Math.round(performance.now() - started), ...reasonOf(err) }, 'wechat api call failed');
      throw err;
    }
  }

  const json = <T>(res: RawResponse, endpoint: string): T => jsonBody(res, endpoint) as T;

  return {
    appId: opts.appId,
    tokens,
    get: <T>(path: string, query?: Query) => authed<T>({ method: 'GET', path, query }, json),
    // WeChat's POST endpoints parse the body as JSON and an empty body is not JSON, so send at least {}.
    post: <T>(path: string, body?: unknown, query?: Query) => authed<T>({ method: 'POST', path, query, body: () => body ?? {} }, json),
    upload: <T>(path: string, file: UploadFile, fields: Record<string, string> = {}, query?: Query) =>
      authed<T>({ method: 'POST', path, query, body: () => formOf(file, fields) }, json),
    download: (method: 'GET' | 'POST', path: string, options: { query?: Query; body?: unknown } = {}): Promise<Downloaded> =>
      authed({ method, path, query: options.query, body: method === 'POST' ? () => options.body ?? {} : undefined }, downloaded),
  };
}

/** What a log line may say about a failure: the errcode or our error code, never the error object (axios errors hold the URL). */
function reasonOf(err: unknown): Record<string, unknown> {
  if (err instanceof WeChatApiError) return { errcode: err.errcode };
  return { code: (err as { code?: unknown } | null)?.code };
}

/** multipart/form-data with the file under `media` (WeChat's field name) unless told otherwise. */
function formOf(file: UploadFile, fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append(file.field ?? 'media', new Blob([file.data], { type: file.contentType }), file.filename);
  return form;
}
