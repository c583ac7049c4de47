/**
 * One collection of the in-process MongoDB wire server (test support only; not MongoDB): documents
 * in insertion (natural) order plus their unique indexes, and the single-statement writes. Stored
 * documents are never mutated: a write stores a fresh copy, so cursors and callers never see a
 * document change under them. A write that breaks a unique index changes nothing.
 */
import { ObjectId } from 'bson';
import { CommandError, failedToParse } from './errors';
import { IndexSet } from './indexes';
import { clone, isPlainObject, project, runFind, sameBson, type Doc, type FindOptions } from './mql';
import { applyUpdate, buildUpsert, validateUpdate, withIdFirst } from './updates';

export interface UpdateStatement {
  q?: Doc;
  u?: unknown;
  upsert?: boolean;
  multi?: boolean;
  arrayFilters?: Doc[];
}

export interface UpdateOutcome {
  n: number;
  nModified: number;
  upsertedId?: unknown;
}

export interface FindAndModifyCommand {
  query?: Doc;
  sort?: Doc;
  remove?: boolean;
  update?: unknown;
  new?: boolean;
  upsert?: boolean;
  fields?: Doc;
  arrayFilters?: Doc[];
}

export class Collection {
  private docs: Doc[] = [];
  readonly indexes: IndexSet;

  constructor(readonly namespace: string) {
    this.indexes = new IndexSet(namespace);
  }

  get size(): number {
    return this.docs.length;
  }

  /** The stored documents in natural order; callers must not mutate them. */
  all(): Doc[] {
    return this.docs;
  }

  find(options: FindOptions): Doc[] {
    const id = options.filter ? idEquality(options.filter) : undefined;
    if (id !== undefined) {
      const doc = this.indexes.byId(id);
      return doc ? runFind([doc], options) : [];
    }
    return runFind(this.docs, options);
  }

  insert(input: Doc): Doc {
    if (!isPlainObject(input)) throw failedToParse('document to insert must be an object');
    const doc = withIdFirst(input._id === undefined ? { _id: new ObjectId(), ...input } : clone(input));
    if (Array.isArray(doc._id)) throw new CommandError(2, 'BadValue', 'can\'t use an array for _id');
    this.indexes.check(doc);
    this.docs.push(doc);
    this.indexes.add(doc);
    return doc;
  }

  update(statement: UpdateStatement): UpdateOutcome {
    const filter = statement.q ?? {};
    const spec = statement.u;
    validateUpdate(spec);
    const replacement = !Array.isArray(spec) && !Object.keys(spec).some((key) => key.startsWith('$'));
    if (statement.multi && replacement) throw failedToParse('multi update is not supported for replacement-style update');
    const targets = statement.multi ? this.find({ filter }) : this.find({ filter, limit: 1 });
    if (targets.length === 0 && statement.upsert) {
      const doc = this.insert(buildUpsert(filter, spec, statement.arrayFilters));
      return { n: 1, nModified: 0, upsertedId: doc._id };
    }
    let nModified = 0;
    for (const target of targets) {
      const next = applyUpdate(target, spec, { filter, arrayFilters: statement.arrayFilters, inserting: false });
      if (sameBson(target, next)) continue;
      this.replace(target, next);
      nModified += 1;
    }
    return { n: targets.length, nModified };
  }

  delete(filter: Doc | undefined, limit: number): number {
    const targets = this.find({ filter: filter ?? {}, limit: limit === 1 ? 1 : 0 });
    this.remove(targets);
    return targets.length;
  }

  findAndModify(command: FindAndModifyCommand): Doc {
    const filter = command.query ?? {};
    const [target] = this.find({ filter, sort: command.sort, limit: 1 });
    if (command.remove) {
      if (command.update !== undefined) throw failedToParse('Cannot specify both an update and remove=true');
      if (target) this.remove([target]);
      return { lastErrorObject: { n: target ? 1 : 0 }, value: target ? project(target, command.fields) : null, ok: 1 };
    }
    const spec = command.update;
    validateUpdate(spec);
    if (target) {
      const next = applyUpdate(target, spec, { filter, arrayFilters: command.arrayFilters, inserting: false });
      if (!sameBson(target, next)) this.replace(target, next);
      const value = command.new ? next : target;
      return { lastErrorObject: { n: 1, updatedExisting: true }, value: project(value, command.fields), ok: 1 };
    }
    if (command.upsert) {
      const doc = this.insert(buildUpsert(filter, spec, command.arrayFilters));
      return {
        lastErrorObject: { n: 1, updatedExisting: false, upserted: doc._id },
        value: command.new ? project(doc, command.fields) : null,
        ok: 1,
      };
    }
    return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
  }

  createIndex(spec: Doc): boolean {
    return this.indexes.create(spec, this.docs);
  }

  private remove(targets: Doc[]): void {
    const doomed = new Set(targets);
    for (const doc of targets) this.indexes.remove(doc);
    this.docs = this.docs.filter((doc) => !doomed.has(doc));
  }

  private replace(old: Doc, next: Doc): void {
    this.indexes.check(next, old);
    this.indexes.remove(old);
    this.docs[this.docs.indexOf(old)] = next;
    this.indexes.add(next);
  }
}

/** The `_id` of a filter that is exactly `{ _id: value }` or `{ _id: { $eq: value } }`, for the fast path. */
function idEquality(filter: Doc): unknown {
  const keys = Object.keys(filter);
  if (keys.length !== 1 || keys[0] !== '_id') return undefined;
  const value: unknown = filter._id;
  if (isPlainObject(value)) {
    const inner = Object.keys(value);
    return inner.length === 1 && inner[0] === '$eq' && !isPlainObject(value.$eq) ? value.$eq : undefined;
  }
  return value instanceof RegExp || Array.isArray(value) || value === null ? undefined : value;
}
