import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  query: URLSearchParams;
  body: string;
}

/**
 * A bare webhook for emulator tests: records every request and answers with `respond` (a string
 * body, or null to never answer so the emulator's timeout fires).
 */
export async function startSink(respond: (req: Received, n: number) => string | null = () => 'success') {
  const received: Received[] = [];
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry = { query: new URL(req.url!, 'http://x').searchParams, body: Buffer.concat(chunks).toString('utf8') };
      received.push(entry);
      const answer = respond(entry, received.length);
      if (answer === null) {
        hanging.add(res);
        return;
      }
      res.end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/wechat/hook`,
    received,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
