/**
 * What every API group file needs from the client: authenticated calls that return the parsed
 * JSON body on success and throw WeChatApiError for any non-zero errcode. The client (client.ts)
 * adds access_token, retries transient failures and refreshes a stale token once.
 * Paths are relative to WECHAT_API_BASE, e.g. '/cgi-bin/menu/create'.
 */
export interface ApiCaller {
  get<T>(path: string, query?: Record<string, string | number | undefined>): Promise<T>;
  post<T>(path: string, body?: unknown, query?: Record<string, string | number | undefined>): Promise<T>;
  /** multipart/form-data upload of one file field (`media` for WeChat's media endpoints). */
  upload<T>(path: string, file: UploadFile, fields?: Record<string, string>, query?: Record<string, string | number | undefined>): Promise<T>;
  /**
   * A call that answers either a file (binary body) or JSON: media/get, material/get_material.
   * JSON error bodies still throw WeChatApiError.
   */
  download(method: 'GET' | 'POST', path: string, options?: { query?: Record<string, string | number | undefined>; body?: unknown }): Promise<Downloaded>;
}

export interface UploadFile {
  field?: string; // default 'media'
  filename: string;
  contentType: string;
  data: Buffer;
}

export type Downloaded = { kind: 'file'; contentType: string; filename: string | null; data: Buffer } | { kind: 'json'; body: unknown };
