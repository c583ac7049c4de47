import type { ApiCaller, Downloaded, UploadFile } from '../../../src/wechat-api/caller';

type Query = Record<string, string | number | undefined>;

export interface PublishingCall {
  kind: 'get' | 'post' | 'upload' | 'download';
  method: 'GET' | 'POST';
  path: string;
  query?: Query;
  body?: unknown;
  file?: UploadFile;
  fields?: Record<string, string>;
}

/**
 * An ApiCaller for the publishing groups' unit tests: records every call (uploads and downloads
 * too) and answers with `respond`. Whatever `respond` throws is what the real caller would throw.
 */
export function fakeCaller(respond: (call: PublishingCall) => unknown = () => ({})): ApiCaller & { calls: PublishingCall[] } {
  const calls: PublishingCall[] = [];
  const answer = async <T>(call: PublishingCall): Promise<T> => {
    calls.push(call);
    return (await respond(call)) as T;
  };
  return {
    calls,
    get: <T>(path: string, query?: Query) => answer<T>({ kind: 'get', method: 'GET', path, query }),
    post: <T>(path: string, body?: unknown, query?: Query) => answer<T>({ kind: 'post', method: 'POST', path, body, query }),
    upload: <T>(path: string, file: UploadFile, fields?: Record<string, string>, query?: Query) =>
      answer<T>({ kind: 'upload', method: 'POST', path, file, fields, query }),
    download: (method: 'GET' | 'POST', path: string, options?: { query?: Query; body?: unknown }) =>
      answer<Downloaded>({ kind: 'download', method, path, query: options?.query, body: options?.body }),
  };
}

/** The only call made, failing the test if there were more or none. */
export function onlyCall(caller: { calls: PublishingCall[] }): PublishingCall {
  expect(caller.calls).toHaveLength(1);
  return caller.calls[0]!;
}
