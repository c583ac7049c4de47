import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (opts: object) => Promise<AutocannonResult>;
import type { PreparedRequest } from './fixture';

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

export interface Measurement {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** Starts a bench server in its own process (so the load generator has the other core) and waits for it. */
export async function startServer(file: string, args: string[]): Promise<ChildProcess> {
  const child = fork(path.join(__dirname, '..', 'bin', 'run-ts.js'), [path.join(__dirname, file), ...args], { stdio: 'inherit' });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code}`)));
  });
  return child;
}

export async function stopServer(child: ChildProcess): Promise<void> {
  child.removeAllListeners('exit');
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

/** Cycles through prepared requests; `wrapped` tells whether any was sent twice. */
export class RequestFeed {
  private next = 0;
  constructor(private readonly items: PreparedRequest[]) {}
  take(): PreparedRequest {
    return this.items[this.next++ % this.items.length]!;
  }
  get wrapped(): boolean {
    return this.next > this.items.length;
  }
}

export async function measure(port: number, feed: RequestFeed, opts: { seconds: number; connections: number; rate?: number }): Promise<Measurement> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: opts.connections,
    duration: opts.seconds,
    ...(opts.rate ? { overallRate: opts.rate } : {}),
    requests: [
      {
        method: 'POST',
        setupRequest: (req: object) => {
          const r = feed.take();
          return { ...req, path: r.path, body: r.body, headers: { 'content-type': 'text/xml' } };
        },
      },
    ],
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors + result.timeouts };
}
