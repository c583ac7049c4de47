import { randomBytes } from 'node:crypto';
import type { Context } from 'koa';
import { parseJson } from '../../wechat-api/json';
import { EmulatorError, type EmulatorContext } from '../core/contract';
import { rid } from '../core/errors';

/**
 * Body reading and writing shared by the publishing groups (mass, draft, freepublish, media, qrcode,
 * template). WeChat's ids here (msg_id, msgid, publish_id) exceed 2^53, so they are read losslessly
 * and written as bare JSON integers, exactly as WeChat writes them.
 */

/** Media uploads go up to 10 MB (image/video); a little headroom for the multipart framing. */
export const MAX_BODY_BYTES = 11 * 1024 * 1024;

export async function readBytes(ctx: Context, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new EmulatorError(47001, 'data format error, body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

/** A JSON object body: 44002 when empty, 47001 when it is not a JSON object (as WeChat answers). */
export async function readJson(ctx: Context): Promise<Record<string, unknown>> {
  const text = (await readBytes(ctx, 2 * 1024 * 1024)).toString('utf8');
  if (text.trim() === '') throw new EmulatorError(44002, 'empty post data');
  let value: unknown;
  try {
    // Integers past 2^53 arrive as strings, so a msg_id sent as a bare number is not rounded.
    value = parseJson(text);
  } catch {
    throw new EmulatorError(47001, 'data format error');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new EmulatorError(47001, 'data format error');
  return value as Record<string, unknown>;
}

/** Writes `body` as JSON; bigint values become bare integers (JSON.stringify cannot write them). */
export function sendJson(ctx: Context, body: Record<string, unknown>): void {
  ctx.status = 200;
  ctx.type = 'application/json';
  ctx.body = JSON.stringify(body, (_key, value: unknown) => (typeof value === 'bigint' ? `__bigint:${value}` : value)).replace(/"__bigint:(-?\d+)"/g, '$1');
}

/**
 * An errcode answer with extra fields that hold bigints (45065's msg_id): the core renders
 * EmulatorError through JSON.stringify, which cannot write a bigint, so these are written here.
 */
export function sendError(ctx: Context, errcode: number, errmsg: string, extra: Record<string, unknown>): void {
  sendJson(ctx, { errcode, errmsg: `${errmsg} rid: ${rid()}`, ...extra });
}

/** An id from a request body: WeChat's numeric ids may come as a number or (past 2^53) as a string. */
export function idOf(value: unknown): string | null {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  if (typeof value === 'string' && /^\d{1,20}$/.test(value)) return value.replace(/^0+(?=\d)/, '');
  return null;
}

/** Ascending big numeric ids above 2^53, like WeChat's msg_id: seconds × 10^9 plus a counter. */
export class BigIdSequence {
  private counter = 0n;
  next(nowSeconds: number): bigint {
    this.counter += 1n;
    return BigInt(nowSeconds) * 1_000_000_000n + 100_000_000n + this.counter;
  }
}

/** WeChat-looking opaque ids (media_id, article_id, tickets): url-safe unless `standard` is asked for. */
export function opaqueId(bytes = 32, standard = false): string {
  const b64 = randomBytes(bytes).toString('base64');
  return standard ? b64 : b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Quota days and months are Beijing time (UTC+8, no DST): WeChat's "per day" is China's calendar day. */
const BEIJING_OFFSET_SECONDS = 8 * 3600;
export const beijingDay = (seconds: number): number => Math.floor((seconds + BEIJING_OFFSET_SECONDS) / 86_400);
export const beijingMonth = (seconds: number): string => new Date((seconds + BEIJING_OFFSET_SECONDS) * 1000).toISOString().slice(0, 7);

/** Per-account state a group owns, created on first use. */
export function perAccount<T>(create: () => T, emu: Pick<EmulatorContext, 'onAccountRemoved'>): (appId: string) => T {
  const states = new Map<string, T>();
  emu.onAccountRemoved((appId) => states.delete(appId));
  return (appId) => {
    let state = states.get(appId);
    if (state === undefined) {
      state = create();
      states.set(appId, state);
    }
    return state;
  };
}

/** WeChat's catch-all for a malformed argument. */
export const invalidArgs = (what: string): EmulatorError => new EmulatorError(40097, `invalid args: ${what}`);

export function intOf(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) ? value : null;
}

/**
 * FromUserName of job-finish events (§2.1): the "群发助手" (mass-send helper). The doc calls it
 * `mphelper` but real pushes carry an openid-like value, so the emulator sends one.
 */
export const MP_HELPER_OPENID = 'oMPHelper0000000000000000000';
