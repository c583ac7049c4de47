import type { IncomingMessage } from 'node:http';
import type { Context } from 'koa';
import { PayloadTooLargeError, ValidationError } from '../shared/errors';

/**
 * Reads the request body as a string, refusing more than `limitBytes` with 413 as soon as the
 * declared length or the bytes received pass the limit (the rest is never buffered).
 */
export async function readTextBody(source: Context | IncomingMessage, limitBytes: number): Promise<string> {
  const req = 'req' in source ? source.req : source;
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > limitBytes) throw new PayloadTooLargeError(limitBytes);
  // Plain 'data'/'end' listeners: a stream's async iterator costs several promises per chunk on this hot path.
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limitBytes) return void chunks.push(chunk);
      // Stop collecting, keep draining, and answer 413 on the still-usable socket.
      req.off('data', onData);
      req.resume();
      reject(new PayloadTooLargeError(limitBytes));
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks, size).toString('utf8')));
    req.once('error', reject);
  });
}

/** JSON body for the admin API: an object or array, 400 with a clear message otherwise. */
export async function readJsonBody(ctx: Context, limitBytes = 1_048_576): Promise<unknown> {
  const text = await readTextBody(ctx, limitBytes);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ValidationError(`the body is not valid JSON: ${(err as Error).message}`);
  }
}
