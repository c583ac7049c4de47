/**
 * The query language of the in-process MongoDB wire server (test support only; not MongoDB): thin
 * wrappers over mingo for matching, sorting and projecting, plus the small document helpers the
 * engine needs (BSON deep copy, dotted-path set, comparable keys).
 */
import { deserialize, serialize, type Document } from 'bson';
import { Aggregator, Query, find } from 'mingo';
import type { Options } from 'mingo/types';
import { toCommandError } from './errors';

export type Doc = Document;

/** Deep copy through a BSON round trip: nothing is shared with the caller and BSON types survive. */
export function clone<T extends Doc>(doc: T): T {
  return deserialize(serialize(doc)) as T;
}

/** Whether two documents are byte-for-byte the same BSON (how nModified is decided). */
export function sameBson(a: Doc, b: Doc): boolean {
  return bytes(a).equals(bytes(b));
}

/** A document's BSON bytes as a Buffer. */
export function bytes(doc: Doc): Buffer {
  const raw = serialize(doc);
  return Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
}

/** A string that is equal for equal BSON values (missing counts as null), for unique keys and distinct. */
export function valueKey(value: unknown): string {
  return bytes({ v: value === undefined ? null : value }).toString('base64');
}

export function matcher(filter: Doc | undefined, options: Partial<Options> = {}): (doc: Doc) => boolean {
  if (!filter || Object.keys(filter).length === 0) return () => true;
  try {
    const query = new Query(filter, options);
    return (doc) => query.test(doc);
  } catch (err) {
    throw toCommandError(err);
  }
}

export interface FindOptions {
  filter?: Doc;
  sort?: Doc;
  projection?: Doc;
  skip?: number;
  limit?: number;
}

/** Filter, then sort, skip, limit and project, in MongoDB's order. Returned documents may be the stored ones. */
export function runFind(docs: Doc[], options: FindOptions): Doc[] {
  try {
    let cursor = find(docs, options.filter ?? {}, options.projection ?? {});
    if (options.sort && Object.keys(options.sort).length > 0) cursor = cursor.sort(options.sort as never);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit) cursor = cursor.limit(options.limit);
    return cursor.all() as Doc[];
  } catch (err) {
    throw toCommandError(err);
  }
}

/** Applies a projection to one document. */
export function project(doc: Doc, projection: Doc | undefined): Doc {
  if (!projection || Object.keys(projection).length === 0) return doc;
  return runFind([doc], { projection })[0] ?? doc;
}

/** Runs an aggregation pipeline over copies of the documents. */
export function runAggregate(docs: Doc[], pipeline: Doc[], options: Partial<Options> = {}): Doc[] {
  try {
    return new Aggregator(pipeline, options).run(docs.map(clone)) as Doc[];
  } catch (err) {
    throw toCommandError(err);
  }
}

/** Reads a dotted path (no array traversal), undefined when missing. */
export function getPath(doc: Doc, path: string): unknown {
  let current: unknown = doc;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Doc)[part];
  }
  return current;
}

/** Writes a dotted path, creating intermediate objects. */
export function setPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.');
  let current = doc;
  for (const part of parts.slice(0, -1)) {
    const next = current[part];
    if (next === null || typeof next !== 'object') current[part] = {};
    current = current[part] as Doc;
  }
  current[parts[parts.length - 1]!] = value;
}

/** Whether an object is an operator document (`{ $gt: 1 }`), as opposed to a plain value. */
export function isOperatorObject(value: unknown): value is Doc {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => key.startsWith('$'));
}

/** Whether a value is a plain object (not an array nor a BSON class such as ObjectId or Date). */
export function isPlainObject(value: unknown): value is Doc {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
