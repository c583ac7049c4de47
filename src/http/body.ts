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
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limitBytes) {
      // Stop reading but leave the socket usable for the 413 answer.
      req.unpipe();
      req.resume();
      throw new PayloadTooLargeError(limitBytes);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks, size).toString('utf8');
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
