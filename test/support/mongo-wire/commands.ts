/**
 * The document commands of the in-process MongoDB wire server (test support only; not MongoDB):
 * insert, update, delete, findAndModify, find, getMore, killCursors, aggregate, count, distinct.
 * Write commands answer `ok: 1` with per-statement `writeErrors`, stopping at the first one when
 * `ordered` (the default), as MongoDB does.
 */
import { resolve } from 'mingo/util';
import type { Handler } from './catalog';
import type { UpdateStatement } from './collection';
import { failedToParse, toCommandError } from './errors';
import { runAggregate, valueKey, type Doc } from './mql';

/** Runs each statement of a write command, collecting write errors. */
function eachStatement(command: Doc, field: string, run: (statement: Doc, index: number) => void): Doc[] {
  const statements = command[field];
  if (!Array.isArray(statements)) throw failedToParse(`BSON field '${field}' is missing but a required field`);
  const ordered = command.ordered !== false;
  const writeErrors: Doc[] = [];
  for (const [index, statement] of (statements as Doc[]).entries()) {
    try {
      run(statement, index);
    } catch (err) {
      writeErrors.push(toCommandError(err).toWriteError(index));
      if (ordered) break;
    }
  }
  return writeErrors;
}

function withErrors(reply: Doc, writeErrors: Doc[]): Doc {
  return writeErrors.length > 0 ? { ...reply, writeErrors, ok: 1 } : { ...reply, ok: 1 };
}

function number(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

export const documentCommands: Record<string, Handler> = {
  insert(catalog, db, command) {
    const collection = catalog.getOrCreate(db, command.insert);
    let n = 0;
    const writeErrors = eachStatement(command, 'documents', (doc) => {
      collection.insert(doc);
      n += 1;
    });
    return withErrors({ n }, writeErrors);
  },

  update(catalog, db, command) {
    let n = 0;
    let nModified = 0;
    const upserted: Doc[] = [];
    const writeErrors = eachStatement(command, 'updates', (statement, index) => {
      const collection = statement.upsert ? catalog.getOrCreate(db, command.update) : catalog.get(db, command.update);
      if (!collection) return;
      const outcome = collection.update(statement as UpdateStatement);
      n += outcome.n;
      nModified += outcome.nModified;
      if (outcome.upsertedId !== undefined) upserted.push({ index, _id: outcome.upsertedId });
    });
    return withErrors({ n, nModified, ...(upserted.length > 0 ? { upserted } : {}) }, writeErrors);
  },

  delete(catalog, db, command) {
    const collection = catalog.get(db, command.delete);
    let n = 0;
    const writeErrors = eachStatement(command, 'deletes', (statement) => {
      if (collection) n += collection.delete(statement.q as Doc | undefined, number(statement.limit));
    });
    return withErrors({ n }, writeErrors);
  },

  findAndModify(catalog, db, command) {
    const collection = command.upsert ? catalog.getOrCreate(db, command.findAndModify) : catalog.get(db, command.findAndModify);
    if (!collection) {
      return { lastErrorObject: { n: 0, ...(command.remove ? {} : { updatedExisting: false }) }, value: null, ok: 1 };
    }
    return collection.findAndModify({ ...command, fields: (command.fields ?? command.projection) as Doc | undefined });
  },

  find(catalog, db, command) {
    const collection = catalog.get(db, command.find);
    const rawLimit = number(command.limit);
    const limit = Math.abs(rawLimit);
    const docs = collection
      ? collection.find({
          filter: command.filter as Doc | undefined,
          sort: command.sort as Doc | undefined,
          projection: command.projection as Doc | undefined,
          skip: number(command.skip),
          limit,
        })
      : [];
    const batchSize = rawLimit < 0 ? limit : command.batchSize;
    return catalog.cursors.first(`${db}.${String(command.find)}`, docs, { batchSize, singleBatch: command.singleBatch === true || rawLimit < 0 });
  },

  getMore(catalog, _db, command) {
    return catalog.cursors.getMore(command);
  },

  killCursors(catalog, _db, command) {
    return catalog.cursors.kill(command);
  },

  aggregate(catalog, db, command) {
    if (!Array.isArray(command.pipeline)) throw failedToParse("'pipeline' option must be specified as an array");
    const source = typeof command.aggregate === 'string' ? (catalog.get(db, command.aggregate)?.all() ?? []) : [];
    const collectionResolver = (name: string): Doc[] => catalog.get(db, name)?.all() ?? [];
    const docs = runAggregate(source, command.pipeline as Doc[], { collectionResolver });
    const cursor = (command.cursor ?? {}) as Doc;
    const namespace = typeof command.aggregate === 'string' ? `${db}.${command.aggregate}` : `${db}.$cmd.aggregate`;
    return catalog.cursors.first(namespace, docs, { batchSize: cursor.batchSize });
  },

  count(catalog, db, command) {
    const collection = catalog.get(db, command.count);
    if (!collection) return { n: 0, ok: 1 };
    const docs = collection.find({ filter: command.query as Doc | undefined, skip: number(command.skip), limit: Math.abs(number(command.limit)) });
    return { n: docs.length, ok: 1 };
  },

  distinct(catalog, db, command) {
    if (typeof command.key !== 'string') throw failedToParse("BSON field 'distinct.key' is missing but a required field");
    const docs = catalog.get(db, command.distinct)?.find({ filter: command.query as Doc | undefined }) ?? [];
    return { values: distinctValues(docs, command.key), ok: 1 };
  },
};

function distinctValues(docs: Doc[], key: string): unknown[] {
  const seen = new Map<string, unknown>();
  for (const doc of docs) {
    const value: unknown = resolve(doc, key);
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined) continue;
      const id = valueKey(item);
      if (!seen.has(id)) seen.set(id, item);
    }
  }
  return [...seen.values()];
}
