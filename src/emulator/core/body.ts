import type { Context } from 'koa';
import { EmulatorError } from './contract';
import { ControlError } from './errors';

const LIMIT_BYTES = 2 * 1024 * 1024;

/** The raw request body as text; koa has no body parser here and the emulator needs very little. */
export async function readText(ctx: Context): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > LIMIT_BYTES) throw new EmulatorError(47001, 'data format error, body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A WeChat API body: JSON only. Anything that does not parse — a form body, broken JSON, a bare
 * string — is what WeChat calls 47001 "data format error".
 */
export async function readWeChatJson(ctx: Context): Promise<Record<string, unknown>> {
  const text = await readText(ctx);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new EmulatorError(47001, 'data format error');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new EmulatorError(47001, 'data format error');
  return value as Record<string, unknown>;
}

/** A control-API body: an empty body is `{}`, bad JSON is a 400. */
export async function readControlJson(ctx: Context): Promise<Record<string, unknown>> {
  const text = await readText(ctx);
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ControlError(400, 'invalid_json', `the body is not valid JSON: ${(err as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ControlError(400, 'invalid_json', 'the body must be a JSON object');
  return value as Record<string, unknown>;
}
