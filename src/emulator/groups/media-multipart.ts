import type { Context } from 'koa';
import { EmulatorError } from '../core/contract';
import { readBytes } from './publishing-wire';

export interface FilePart {
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface Multipart {
  fields: Map<string, string>;
  files: Map<string, FilePart>;
}

const CRLF_CRLF = Buffer.from('\r\n\r\n');

/**
 * A small multipart/form-data reader (RFC 7578) for the media uploads, so the emulator needs no
 * body-parser dependency. It handles what upload clients send: named parts, an optional filename
 * and Content-Type per part. A body WeChat could not read is 41005 "media data missing".
 */
export async function readMultipart(ctx: Context): Promise<Multipart> {
  const type = ctx.get('content-type');
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(type);
  if (!/^multipart\/form-data/i.test(type) || !boundary) throw new EmulatorError(41005, 'media data missing');
  const body = await readBytes(ctx);
  return parseMultipart(body, boundary[1] ?? boundary[2] ?? '');
}

export function parseMultipart(body: Buffer, boundary: string): Multipart {
  const result: Multipart = { fields: new Map(), files: new Map() };
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    let partStart = start + delimiter.length;
    // "--" after the delimiter closes the body.
    if (body[partStart] === 0x2d && body[partStart + 1] === 0x2d) break;
    if (body[partStart] === 0x0d && body[partStart + 1] === 0x0a) partStart += 2;
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), partStart);
    if (next === -1) break;
    readPart(body.subarray(partStart, next), result);
    start = next + 2;
  }
  return result;
}

function readPart(part: Buffer, into: Multipart): void {
  const headerEnd = part.indexOf(CRLF_CRLF);
  if (headerEnd === -1) return;
  const headers = part.subarray(0, headerEnd).toString('utf8').split('\r\n');
  const data = part.subarray(headerEnd + CRLF_CRLF.length);
  let name: string | null = null;
  let filename: string | null = null;
  let contentType = 'application/octet-stream';
  for (const line of headers) {
    const [key, ...rest] = line.split(':');
    const value = rest.join(':').trim();
    if (key?.trim().toLowerCase() === 'content-disposition') {
      name = /\bname="([^"]*)"/i.exec(value)?.[1] ?? null;
      filename = /\bfilename="([^"]*)"/i.exec(value)?.[1] ?? null;
    } else if (key?.trim().toLowerCase() === 'content-type') {
      contentType = value;
    }
  }
  if (name === null) return;
  if (filename === null) into.fields.set(name, data.toString('utf8'));
  else into.files.set(name, { filename, contentType, data: Buffer.from(data) });
}
