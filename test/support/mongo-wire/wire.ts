/**
 * Framing for the in-process MongoDB wire server (test support only; not MongoDB): splits a TCP
 * stream into messages, decodes OP_MSG (2013) and the legacy OP_QUERY (2004) the driver uses for its
 * first handshake, and encodes replies as OP_MSG or OP_REPLY (1). Documents go through `bson`, so
 * ObjectId, Date, Long and Decimal128 arrive as their BSON classes.
 */
import { deserialize, type Document } from 'bson';
import { bytes } from './mql';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_MSG = 2013;

const HEADER_SIZE = 16;
const CHECKSUM_PRESENT = 1 << 0;
const MORE_TO_COME = 1 << 1;

/** A decoded request: the command document (document sequences merged in) and how to answer it. */
export interface WireRequest {
  requestId: number;
  opCode: typeof OP_MSG | typeof OP_QUERY;
  command: Document;
  /** OP_QUERY only: the namespace the query went to, e.g. `admin.$cmd`. */
  namespace?: string;
  /** OP_MSG with moreToCome: the client expects no reply. */
  noReply: boolean;
}

/** Accumulates chunks of a TCP stream and yields each complete message once it has arrived. */
export class MessageReader {
  private buffered: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Buffer[] {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const messages: Buffer[] = [];
    while (this.buffered.length >= 4) {
      const length = this.buffered.readInt32LE(0);
      if (length < HEADER_SIZE) throw new Error(`invalid message length ${length}`);
      if (this.buffered.length < length) break;
      messages.push(this.buffered.subarray(0, length));
      this.buffered = this.buffered.subarray(length);
    }
    return messages;
  }
}

/** Decodes one complete message; unsupported opcodes throw. */
export function decodeMessage(message: Buffer): WireRequest {
  const requestId = message.readInt32LE(4);
  const opCode = message.readInt32LE(12);
  if (opCode === OP_MSG) return { requestId, opCode, ...decodeOpMsg(message) };
  if (opCode === OP_QUERY) return { requestId, opCode, ...decodeOpQuery(message) };
  throw new Error(`unsupported opCode ${opCode}`);
}

function decodeOpMsg(message: Buffer): { command: Document; noReply: boolean } {
  const flags = message.readUInt32LE(HEADER_SIZE);
  const end = flags & CHECKSUM_PRESENT ? message.length - 4 : message.length;
  let offset = HEADER_SIZE + 4;
  let body: Document | undefined;
  const sequences: Record<string, Document[]> = {};
  while (offset < end) {
    const kind = message.readUInt8(offset);
    offset += 1;
    if (kind === 0) {
      const size = message.readInt32LE(offset);
      body = deserialize(message.subarray(offset, offset + size));
      offset += size;
    } else if (kind === 1) {
      const size = message.readInt32LE(offset);
      const sectionEnd = offset + size;
      const nameEnd = message.indexOf(0, offset + 4);
      const identifier = message.toString('utf8', offset + 4, nameEnd);
      const documents: Document[] = (sequences[identifier] ??= []);
      let at = nameEnd + 1;
      while (at < sectionEnd) {
        const docSize = message.readInt32LE(at);
        documents.push(deserialize(message.subarray(at, at + docSize)));
        at += docSize;
      }
      offset = sectionEnd;
    } else {
      throw new Error(`unsupported OP_MSG section kind ${kind}`);
    }
  }
  if (!body) throw new Error('OP_MSG without a body section');
  return { command: { ...body, ...sequences }, noReply: (flags & MORE_TO_COME) !== 0 };
}

function decodeOpQuery(message: Buffer): { command: Document; namespace: string; noReply: boolean } {
  let offset = HEADER_SIZE + 4; // flags
  const nameEnd = message.indexOf(0, offset);
  const namespace = message.toString('utf8', offset, nameEnd);
  offset = nameEnd + 1 + 8; // numberToSkip, numberToReturn
  const size = message.readInt32LE(offset);
  let query = deserialize(message.subarray(offset, offset + size));
  if (query.$query && typeof query.$query === 'object') query = query.$query as Document;
  return { command: query, namespace, noReply: false };
}

function header(length: number, requestId: number, responseTo: number, opCode: number): Buffer {
  const out = Buffer.alloc(HEADER_SIZE);
  out.writeInt32LE(length, 0);
  out.writeInt32LE(requestId, 4);
  out.writeInt32LE(responseTo, 8);
  out.writeInt32LE(opCode, 12);
  return out;
}

let nextResponseId = 1;

/** An OP_MSG reply with one kind-0 section. */
export function encodeOpMsg(responseTo: number, reply: Document): Buffer {
  const body = bytes(reply);
  const prefix = Buffer.alloc(5); // flagBits = 0, section kind 0
  const length = HEADER_SIZE + prefix.length + body.length;
  return Buffer.concat([header(length, nextResponseId++, responseTo, OP_MSG), prefix, body]);
}

/** An OP_REPLY carrying one document, the answer to a legacy OP_QUERY command. */
export function encodeOpReply(responseTo: number, reply: Document): Buffer {
  const body = bytes(reply);
  const fields = Buffer.alloc(20); // responseFlags, cursorID (int64), startingFrom
  fields.writeInt32LE(1, 16); // numberReturned
  const length = HEADER_SIZE + fields.length + body.length;
  return Buffer.concat([header(length, nextResponseId++, responseTo, OP_REPLY), fields, body]);
}
