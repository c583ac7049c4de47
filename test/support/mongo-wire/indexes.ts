/**
 * Index catalogue of one collection in the in-process MongoDB wire server (test support only; not
 * MongoDB). Indexes exist only to enforce uniqueness: each unique index keeps a map from key to
 * document. Keys are read by dotted path without array expansion (no multikey indexes), a missing
 * field counts as null, `sparse` skips documents missing every key field, and
 * `partialFilterExpression` skips documents it does not match.
 */
import { ObjectId } from 'bson';
import { CommandError, badValue } from './errors';
import { getPath, matcher, sameBson, valueKey, type Doc } from './mql';

export interface IndexSpec extends Doc {
  v: number;
  key: Doc;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Doc;
}

interface UniqueIndex {
  spec: IndexSpec;
  applies: (doc: Doc) => boolean;
  entries: Map<string, Doc>;
}

/** Options whose difference makes two specs of the same index conflict. */
const COMPARED_OPTIONS = ['unique', 'sparse', 'partialFilterExpression', 'expireAfterSeconds'];

export class IndexSet {
  private readonly specs: IndexSpec[] = [{ v: 2, key: { _id: 1 }, name: '_id_' }];
  private unique: UniqueIndex[] = [];

  constructor(private readonly namespace: string) {
    this.unique.push(this.uniqueIndex(this.specs[0]!, []));
  }

  list(): IndexSpec[] {
    return this.specs.map((spec) => ({ ...spec }));
  }

  /** Adds an index over the given documents; false when an identical one exists already. */
  create(raw: Doc, docs: Doc[]): boolean {
    if (!raw.key || typeof raw.key !== 'object' || Object.keys(raw.key as Doc).length === 0) {
      throw badValue('index specification must have a non-empty key');
    }
    if (typeof raw.name !== 'string') throw badValue('index specification must have a name');
    const spec: IndexSpec = { ...raw, v: 2, key: raw.key as Doc, name: raw.name };
    const sameName = this.specs.find((existing) => existing.name === spec.name);
    const sameKey = this.specs.find((existing) => sameBson(existing.key, spec.key));
    if (sameName && !sameBson(sameName.key, spec.key)) {
      throw new CommandError(86, 'IndexKeySpecsConflict', `An existing index has the same name as the requested index but a different key. Requested index: ${JSON.stringify(spec)}`);
    }
    const existing = sameName ?? sameKey;
    if (existing) {
      if (sameOptions(existing, spec) && existing.name === spec.name) return false;
      throw new CommandError(85, 'IndexOptionsConflict', `An equivalent index already exists with a different name or options. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(existing)}`);
    }
    if (spec.unique) this.unique.push(this.uniqueIndex(spec, docs));
    this.specs.push(spec);
    return true;
  }

  /** Drops by name, key pattern or '*' (every index but `_id_`). */
  drop(target: unknown): void {
    if (target === '*') {
      this.specs.splice(1);
      this.unique.splice(1);
      return;
    }
    const spec = typeof target === 'string'
      ? this.specs.find((s) => s.name === target)
      : this.specs.find((s) => target !== null && typeof target === 'object' && sameBson(s.key, target as Doc));
    if (!spec) throw new CommandError(27, 'IndexNotFound', `index not found with name [${String(typeof target === 'string' ? target : JSON.stringify(target))}]`);
    if (spec.name === '_id_') throw new CommandError(72, 'InvalidOptions', 'cannot drop _id index');
    this.specs.splice(this.specs.indexOf(spec), 1);
    this.unique = this.unique.filter((u) => u.spec !== spec);
  }

  /** Throws E11000 when `candidate` would duplicate a key held by a document other than `replacing`. */
  check(candidate: Doc, replacing?: Doc): void {
    for (const index of this.unique) {
      const key = this.entryKey(index, candidate);
      if (key === null) continue;
      const holder = index.entries.get(key);
      if (holder && holder !== replacing) throw this.duplicateKey(index.spec, candidate);
    }
  }

  add(doc: Doc): void {
    for (const index of this.unique) {
      const key = this.entryKey(index, doc);
      if (key !== null) index.entries.set(key, doc);
    }
  }

  remove(doc: Doc): void {
    for (const index of this.unique) {
      const key = this.entryKey(index, doc);
      if (key !== null && index.entries.get(key) === doc) index.entries.delete(key);
    }
  }

  /** The `_id` index's lookup: the stored document with this `_id`, if any. */
  byId(id: unknown): Doc | undefined {
    return this.unique[0]!.entries.get(valueKey([id]));
  }

  private uniqueIndex(spec: IndexSpec, docs: Doc[]): UniqueIndex {
    const index: UniqueIndex = { spec, applies: matcher(spec.partialFilterExpression), entries: new Map() };
    for (const doc of docs) {
      const key = this.entryKey(index, doc);
      if (key === null) continue;
      if (index.entries.has(key)) throw this.duplicateKey(spec, doc);
      index.entries.set(key, doc);
    }
    return index;
  }

  private entryKey(index: UniqueIndex, doc: Doc): string | null {
    const fields = Object.keys(index.spec.key);
    const values = fields.map((field) => getPath(doc, field));
    if (index.spec.sparse && values.every((value) => value === undefined)) return null;
    if (!index.applies(doc)) return null;
    return valueKey(values.map((value) => (value === undefined ? null : value)));
  }

  private duplicateKey(spec: IndexSpec, doc: Doc): CommandError {
    const keyValue: Doc = {};
    for (const field of Object.keys(spec.key)) keyValue[field] = getPath(doc, field) ?? null;
    const shown = Object.entries(keyValue).map(([field, value]) => `${field}: ${formatValue(value)}`).join(', ');
    return new CommandError(
      11000,
      'DuplicateKey',
      `E11000 duplicate key error collection: ${this.namespace} index: ${spec.name} dup key: { ${shown} }`,
      { keyPattern: { ...spec.key }, keyValue },
    );
  }
}


function sameOptions(a: IndexSpec, b: IndexSpec): boolean {
  return COMPARED_OPTIONS.every((option) => valueKey(a[option] ?? (option === 'unique' || option === 'sparse' ? false : null)) === valueKey(b[option] ?? (option === 'unique' || option === 'sparse' ? false : null)));
}

function formatValue(value: unknown): string {
  if (value instanceof ObjectId) return `ObjectId('${value.toHexString()}')`;
  if (value instanceof Date) return `new Date(${value.getTime()})`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
