import http from 'node:http';
import https from 'node:https';
import type { SignedCallback } from './outbound';

/** §3: WeChat tries a callback 3 times in total. */
export const CALLBACK_ATTEMPTS = 3;

export type AttemptResult =
  | { kind: 'answered'; status: number; body: string }
  | { kind: 'timeout' }
  | { kind: 'network'; error: string };

export interface DeliveryOutcome {
  attempts: number;
  /** The answer that ended the retries, or the last failure. */
  last: AttemptResult;
}

/**
 * POSTs a callback as WeChat does: each attempt waits `timeoutMs` (5 s on the real platform) for
 * the response, then drops the connection and tries again with the same request, 3 attempts in
 * total. Any HTTP answer ends the retries; only silence or a broken connection retries.
 */
export async function deliverCallback(request: SignedCallback, timeoutMs: number): Promise<DeliveryOutcome> {
  let last: AttemptResult = { kind: 'timeout' };
  for (let attempt = 1; attempt <= CALLBACK_ATTEMPTS; attempt++) {
    last = await postOnce(request, timeoutMs);
    if (last.kind === 'answered') return { attempts: attempt, last };
  }
  return { attempts: CALLBACK_ATTEMPTS, last };
}

function postOnce(request: SignedCallback, timeoutMs: number): Promise<AttemptResult> {
  return new Promise((resolve) => {
    const url = new URL(request.url);
    const transport = url.protocol === 'https:' ? https : http;
    const payload = Buffer.from(request.body, 'utf8');
    let settled = false;
    const finish = (result: AttemptResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    // No pooled connections: a dropped attempt must not leave a socket for the next one to reuse.
    const req = transport.request(url, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'text/xml', 'content-length': payload.length, 'user-agent': 'Mozilla/4.0 (wxoa emulator)' },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => finish({ kind: 'answered', status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (err) => finish({ kind: 'network', error: err.message }));
    });
    const timer = setTimeout(() => {
      finish({ kind: 'timeout' });
      req.destroy();
    }, timeoutMs);
    req.on('error', (err) => finish({ kind: 'network', error: err.message }));
    req.end(payload);
  });
}
