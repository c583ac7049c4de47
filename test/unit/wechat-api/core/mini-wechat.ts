import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** What a scripted answer does: a JSON body, raw bytes, an HTTP status, a delay or a dropped socket. */
export type Answer =
  | { json: unknown; contentType?: string }
  | { bytes: Buffer; contentType: string; disposition?: string }
  | { status: number }
  | { delayMs: number; then?: Answer }
  | { drop: true };

/**
 * A few lines of WeChat for client tests: stable_token / token issue `TK-n`, every other path
 * demands the current token (40001 otherwise) and answers `{errcode:0, path}`. Scripted one-shot
 * answers per path (`script`) come first — the "fault injection" of these tests.
 */
export class MiniWeChat {
  readonly seen: Seen[] = [];
  current = 'TK-1';
  private minted = 1;
  private readonly scripted = new Map<string, Answer[]>();
  private server!: http.Server;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => void this.handle(req, Buffer.concat(chunks), res));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  script(path: string, ...answers: Answer[]): void {
    this.scripted.set(path, [...(this.scripted.get(path) ?? []), ...answers]);
  }

  calls(path: string): Seen[] {
    return this.seen.filter((s) => s.path === path);
  }

  rotate(): void {
    this.minted += 1;
    this.current = `TK-${this.minted}`;
  }

  private async handle(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    this.seen.push({ method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, body });
    const answer = this.scripted.get(url.pathname)?.shift() ?? this.normal(url, body);
    await this.send(res, answer);
  }

  private normal(url: URL, body: Buffer): Answer {
    if (url.pathname === '/cgi-bin/stable_token') {
      if ((JSON.parse(body.toString()) as { force_refresh?: boolean }).force_refresh) this.rotate();
      return { json: { access_token: this.current, expires_in: 7200 } };
    }
    if (url.pathname === '/cgi-bin/token') {
      this.rotate();
      return { json: { access_token: this.current, expires_in: 7200 } };
    }
    if (url.searchParams.get('access_token') !== this.current) {
      return { json: { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' } };
    }
    return { json: { errcode: 0, errmsg: 'ok', path: url.pathname } };
  }

  private async send(res: http.ServerResponse, answer: Answer): Promise<void> {
    if ('drop' in answer) return void res.socket?.destroy();
    if ('delayMs' in answer) {
      await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
      if (res.socket?.destroyed) return;
      return this.send(res, answer.then ?? { json: { errcode: 0, errmsg: 'ok', late: true } });
    }
    if ('status' in answer) {
      res.writeHead(answer.status, { 'content-type': 'text/html' }).end('<html>busy</html>');
      return;
    }
    if ('bytes' in answer) {
      const headers: Record<string, string> = { 'content-type': answer.contentType };
      if (answer.disposition) headers['content-disposition'] = answer.disposition;
      res.writeHead(200, headers).end(answer.bytes);
      return;
    }
    const text = typeof answer.json === 'string' ? answer.json : JSON.stringify(answer.json);
    res.writeHead(200, { 'content-type': answer.contentType ?? 'application/json; encoding=utf-8' }).end(text);
  }
}
