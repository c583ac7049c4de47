/**
 * Server-side cursors of the in-process MongoDB wire server (test support only; not MongoDB): a
 * query's whole result is computed up front and handed out in batches by `getMore`. The first batch
 * is 101 documents unless the client asks otherwise; every batch stops short of 16 MB.
 */
import { Long, calculateObjectSize } from 'bson';
import { CommandError } from './errors';
import type { Doc } from './mql';

const DEFAULT_FIRST_BATCH = 101;
const MAX_BATCH_BYTES = 16 * 1024 * 1024 - 64 * 1024;

interface OpenCursor {
  namespace: string;
  docs: Doc[];
  position: number;
}

export class Cursors {
  private readonly open = new Map<number, OpenCursor>();
  private nextId = 1;

  /** The reply to a command that returns a cursor (find, aggregate, listIndexes, ...). */
  first(namespace: string, docs: Doc[], options: { batchSize?: unknown; singleBatch?: unknown } = {}): Doc {
    const size = typeof options.batchSize === 'number' ? options.batchSize : DEFAULT_FIRST_BATCH;
    const batch = takeBatch(docs, 0, size);
    let id = 0;
    if (!options.singleBatch && batch.length < docs.length) {
      id = this.nextId++;
      this.open.set(id, { namespace, docs, position: batch.length });
    }
    return { cursor: { firstBatch: batch, id: Long.fromNumber(id), ns: namespace }, ok: 1 };
  }

  getMore(command: Doc): Doc {
    const id = Number(command.getMore);
    const cursor = this.open.get(id);
    if (!cursor) throw new CommandError(43, 'CursorNotFound', `cursor id ${id} not found`);
    const size = typeof command.batchSize === 'number' && command.batchSize > 0 ? command.batchSize : Infinity;
    const batch = takeBatch(cursor.docs, cursor.position, size);
    cursor.position += batch.length;
    const exhausted = cursor.position >= cursor.docs.length;
    if (exhausted) this.open.delete(id);
    return { cursor: { nextBatch: batch, id: Long.fromNumber(exhausted ? 0 : id), ns: cursor.namespace }, ok: 1 };
  }

  kill(command: Doc): Doc {
    const ids = Array.isArray(command.cursors) ? command.cursors.map(Number) : [];
    const killed = ids.filter((id) => this.open.delete(id));
    const notFound = ids.filter((id) => !killed.includes(id));
    return {
      cursorsKilled: killed.map((id) => Long.fromNumber(id)),
      cursorsNotFound: notFound.map((id) => Long.fromNumber(id)),
      cursorsAlive: [],
      cursorsUnknown: [],
      ok: 1,
    };
  }
}

function takeBatch(docs: Doc[], from: number, size: number): Doc[] {
  const batch: Doc[] = [];
  let bytes = 0;
  for (let i = from; i < docs.length && batch.length < size; i += 1) {
    bytes += calculateObjectSize(docs[i]!);
    if (batch.length > 0 && bytes > MAX_BATCH_BYTES) break;
    batch.push(docs[i]!);
  }
  return batch;
}
