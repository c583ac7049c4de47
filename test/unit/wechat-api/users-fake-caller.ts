import type { ApiCaller } from '../../../src/wechat-api/caller';

export interface RecordedCall {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
}

/**
 * An ApiCaller that records every call and answers with `respond`; what it returns is the parsed
 * success body, as the real caller does after checking errcode.
 */
export function fakeCaller(respond: (call: RecordedCall) => unknown): ApiCaller & { calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const answer = async <T>(call: RecordedCall): Promise<T> => {
    calls.push(call);
    return (await respond(call)) as T;
  };
  return {
    calls,
    get: <T>(path: string, query?: Record<string, string | number | undefined>) => answer<T>({ method: 'GET', path, query }),
    post: <T>(path: string, body?: unknown, query?: Record<string, string | number | undefined>) => answer<T>({ method: 'POST', path, body, query }),
    upload: () => Promise.reject(new Error('upload is not used by these groups')),
    download: () => Promise.reject(new Error('download is not used by these groups')),
  };
}

export const openids = (n: number, prefix = 'o') => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(6, '0')}`);
