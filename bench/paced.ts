// An open-loop load generator for latency at a given rate. autocannon's `overallRate` lets each
// connection send as fast as it can until its share of the second is used up, then idles until the
// next second: at "half the maximum rate" the server still sees full-speed bursts, and the p99 it
// reports is the p99 of those bursts. Here request i is due at start + i / rate, evenly spaced, and
// its latency counts from that due time, not from when a connection was free to send it: a stall
// on the server delays every request due meanwhile, and all of that delay is counted (no
// coordinated omission).
import net from 'node:net';
import type { RequestFeed } from './load';

export interface PacedResult {
  rate: number;
  sent: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  /** Non-200 answers by status code, so an error count says what went wrong. */
  errorStatuses: Record<number, number>;
}

interface Connection {
  socket: net.Socket;
  dueAt: number;
  busy: boolean;
  buffered: Buffer;
}

const HEADER_END = Buffer.from('\r\n\r\n');
const CHUNKED_END = Buffer.from('0\r\n\r\n');

export async function pacedLatency(port: number, feed: RequestFeed, opts: { rate: number; seconds: number; connections: number }): Promise<PacedResult> {
  const connections = await Promise.all(Array.from({ length: opts.connections }, () => connect(port)));
  const latencies: number[] = [];
  const backlog: number[] = []; // due times of requests that found every connection busy
  let errors = 0;
  const errorStatuses: Record<number, number> = {};
  const total = Math.round(opts.rate * opts.seconds);
  const start = performance.now();
  let issued = 0;

  const send = (c: Connection, dueAt: number) => {
    const r = feed.take();
    c.busy = true;
    c.dueAt = dueAt;
    c.socket.write(`POST ${r.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\nContent-Length: ${Buffer.byteLength(r.body)}\r\n\r\n${r.body}`);
  };

  await new Promise<void>((resolve) => {
    const done = () => latencies.length + errors === total && resolve();
    for (const c of connections) {
      c.socket.on('data', (chunk: Buffer) => {
        c.buffered = c.buffered.length === 0 ? chunk : Buffer.concat([c.buffered, chunk]);
        const status = responseComplete(c.buffered);
        if (status === null) return;
        c.buffered = Buffer.alloc(0);
        if (status === 200) latencies.push(performance.now() - c.dueAt);
        else {
          errors++;
          errorStatuses[status] = (errorStatuses[status] ?? 0) + 1;
        }
        const waiting = backlog.shift();
        if (waiting === undefined) c.busy = false;
        else send(c, waiting);
        done();
      });
    }
    const tick = () => {
      const now = performance.now();
      while (issued < total && start + (issued * 1000) / opts.rate <= now) {
        const dueAt = start + (issued * 1000) / opts.rate;
        issued++;
        const free = connections.find((c) => !c.busy);
        if (free) send(free, dueAt);
        else backlog.push(dueAt);
      }
      if (issued < total) setTimeout(tick, 1);
    };
    tick();
  });
  for (const c of connections) c.socket.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]! * 10) / 10;
  return { rate: opts.rate, sent: total, p50: at(0.5), p99: at(0.99), max: at(1), errors, errorStatuses };
}

function connect(port: number): Promise<Connection> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => resolve({ socket, dueAt: 0, busy: false, buffered: Buffer.alloc(0) }));
    socket.setNoDelay(true);
    socket.once('error', reject);
  });
}

/** The status code once `buf` holds one whole response (Content-Length or chunked), else null. */
function responseComplete(buf: Buffer): number | null {
  const headerEnd = buf.indexOf(HEADER_END);
  if (headerEnd === -1) return null;
  const head = buf.toString('latin1', 0, headerEnd);
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  const bodyStart = headerEnd + HEADER_END.length;
  if (length) {
    if (buf.length < bodyStart + Number(length[1])) return null;
  } else if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
    if (!buf.subarray(-5).equals(CHUNKED_END)) return null;
  }
  return Number(head.slice(9, 12));
}
