import { isAxiosError, type AxiosInstance } from 'axios';
import { AppError } from '../shared/errors';
import type { Downloaded } from './caller';
import { WeChatApiError, WeChatTransportError } from './errors';
import { parseJson } from './json';

export type Query = Record<string, string | number | undefined>;

export interface RawRequest {
  method: 'GET' | 'POST';
  path: string;
  query?: Query;
  /** Built per attempt: a FormData stream cannot be sent twice. */
  body?: () => unknown;
}

export interface RawResponse {
  status: number;
  contentType: string;
  disposition: string | undefined;
  data: Buffer;
}

/** The path without its query: what errors and logs may show (the query can hold access_token or secret). */
export const endpointOf = (path: string): string => path.split('?')[0] ?? path;

/** Axios codes that mean the connection failed or stalled; anything else without a response is our own mistake. */
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_NETWORK', 'ERR_SOCKET_CONNECTION_TIMEOUT']);
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT']);

/**
 * One HTTP exchange. The body is always read as bytes: WeChat answers JSON under `text/plain` as
 * often as under `application/json`, and downloads answer bytes, so we decide how to read it.
 * Every failure leaves as a WeChatTransportError that names the path only.
 */
export async function send(http: AxiosInstance, options: { baseUrl: string; timeoutMs: number }, req: RawRequest, extraQuery: Query = {}): Promise<RawResponse> {
  const endpoint = endpointOf(req.path);
  try {
    const res = await http.request<ArrayBuffer>({
      baseURL: options.baseUrl,
      method: req.method,
      url: req.path,
      params: { ...req.query, ...extraQuery },
      data: req.body?.(),
      responseType: 'arraybuffer',
      timeout: options.timeoutMs,
      validateStatus: () => true,
    });
    if (res.status >= 400) throw new WeChatTransportError('http_status', endpoint, `HTTP ${res.status}`, res.status);
    const header = (name: string): string | undefined => {
      const v: unknown = res.headers[name];
      return typeof v === 'string' ? v : undefined;
    };
    return { status: res.status, contentType: header('content-type') ?? '', disposition: header('content-disposition'), data: Buffer.from(res.data) };
  } catch (err) {
    if (err instanceof AppError || !isAxiosError(err)) throw err;
    const code = err.code ?? 'unknown';
    if (TIMEOUT_CODES.has(code)) throw new WeChatTransportError('timeout', endpoint, `no answer within ${options.timeoutMs} ms`);
    if (NETWORK_CODES.has(code) || code === 'unknown') throw new WeChatTransportError('network', endpoint, `network error (${code})`);
    // Bad options, cancellation, oversize bodies: retrying cannot help. err.message may quote the URL, so it stays out.
    throw new AppError('wechat_request_failed', `WeChat API ${endpoint}: request failed (${code})`, 502, { endpoint, code });
  }
}

/** The parsed body of a JSON call; a non-zero errcode becomes WeChatApiError. */
export function jsonBody(res: RawResponse, endpoint: string): Record<string, unknown> {
  let body: unknown;
  try {
    body = parseJson(res.data.toString('utf8'));
  } catch {
    throw new WeChatTransportError('bad_response', endpoint, `answer is not JSON (${res.contentType || 'no content type'})`);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new WeChatTransportError('bad_response', endpoint, 'answer is not a JSON object');
  }
  throwOnErrcode(body as Record<string, unknown>, endpoint);
  return body as Record<string, unknown>;
}

export function throwOnErrcode(body: Record<string, unknown>, endpoint: string): void {
  const { errcode, errmsg, ...extra } = body;
  const code = typeof errcode === 'string' ? Number(errcode) : errcode;
  if (typeof code === 'number' && code !== 0 && !Number.isNaN(code)) {
    throw new WeChatApiError(code, typeof errmsg === 'string' ? errmsg : '', endpoint, extra);
  }
}

/** media/get and material/get_material answer bytes, or JSON (video URLs, news, errors). */
export function downloaded(res: RawResponse, endpoint: string): Downloaded {
  const looksJson = /json|text\/plain/i.test(res.contentType) || res.contentType === '';
  if (looksJson && res.data.subarray(0, 64).toString('utf8').trimStart().startsWith('{')) {
    return { kind: 'json', body: jsonBody(res, endpoint) };
  }
  return { kind: 'file', contentType: res.contentType || 'application/octet-stream', filename: filenameOf(res.disposition), data: res.data };
}

/** `attachment; filename="MEDIA_ID.jpg"` (WeChat quotes it; RFC 6266 allows it bare too). */
function filenameOf(disposition: string | undefined): string | null {
  if (!disposition) return null;
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}
