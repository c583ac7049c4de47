/**
 * Update semantics of the in-process MongoDB wire server (test support only; not MongoDB): operator
 * updates go through mingo's updater, plus replacement documents, aggregation-pipeline updates and
 * the document an upsert starts from. Every function returns a new document; stored ones are never
 * mutated (the engine is copy-on-write).
 */
import { ObjectId } from 'bson';
import { update as mingoUpdate, type Modifier } from 'mingo/updater';
import { CommandError, failedToParse, toCommandError } from './errors';
import { clone, isOperatorObject, isPlainObject, runAggregate, sameBson, setPath, type Doc } from './mql';

export type UpdateSpec = Doc | Doc[];

export interface ApplyOptions {
  /** The update's filter, which the positional `$` operator needs. */
  filter?: Doc;
  arrayFilters?: Doc[];
  /** True when the update builds an upserted document: `$setOnInsert` applies. */
  inserting: boolean;
}

/** Checks the shape of an update before it touches anything. */
export function validateUpdate(spec: unknown): asserts spec is UpdateSpec {
  if (Array.isArray(spec)) return;
  if (spec === null || typeof spec !== 'object') throw failedToParse('Update argument must be either an object or an array');
  const keys = Object.keys(spec);
  const operators = keys.filter((key) => key.startsWith('$'));
  if (operators.length > 0 && operators.length < keys.length) {
    throw failedToParse(`Unknown modifier: ${keys.find((key) => !key.startsWith('$'))}. Expected a valid update modifier or pipeline-style update specified as an array`);
  }
}

/** The document after the update; throws when it would change `_id`. */
export function applyUpdate(doc: Doc, spec: UpdateSpec, options: ApplyOptions): Doc {
  let next: Doc;
  if (Array.isArray(spec)) {
    next = runAggregate([doc], spec)[0] ?? {};
  } else if (Object.keys(spec).some((key) => key.startsWith('$'))) {
    next = clone(doc);
    const { $setOnInsert, ...modifier } = spec;
    if (options.inserting && $setOnInsert) modifier.$set = { ...(modifier.$set as Doc | undefined), ...($setOnInsert as Doc) };
    const positional = !options.inserting && Object.values(modifier).some(
      (fields) => isPlainObject(fields) && Object.keys(fields).some((path) => path.endsWith('.$') || path.includes('.$.')),
    );
    try {
      mingoUpdate(next, modifier as Modifier<Doc>, options.arrayFilters, positional ? options.filter : undefined);
    } catch (err) {
      throw toCommandError(err);
    }
  } else {
    const { _id, ...fields } = spec;
    next = clone(doc._id === undefined && _id === undefined ? fields : { _id: doc._id ?? _id, ...fields });
    if (_id !== undefined && doc._id !== undefined && !sameBson({ v: _id }, { v: doc._id })) throw immutableId();
  }
  if (doc._id !== undefined && (next._id === undefined || !sameBson({ v: next._id }, { v: doc._id }))) throw immutableId();
  return next;
}

/** The document an upsert inserts: the filter's equality conditions, the update, and an `_id`. */
export function buildUpsert(filter: Doc, spec: UpdateSpec, arrayFilters?: Doc[]): Doc {
  const replacement = !Array.isArray(spec) && !Object.keys(spec).some((key) => key.startsWith('$'));
  const seed: Doc = {};
  seedFromFilter(filter, seed);
  const start = replacement ? (seed._id === undefined ? {} : { _id: seed._id }) : seed;
  const next = applyUpdate(start, spec, { inserting: true, arrayFilters });
  return next._id === undefined ? { _id: new ObjectId(), ...next } : withIdFirst(next);
}

function seedFromFilter(filter: Doc, out: Doc): void {
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const part of value) if (isPlainObject(part)) seedFromFilter(part, out);
    } else if (key.startsWith('$')) {
      continue;
    } else if (isOperatorObject(value)) {
      if ('$eq' in value && !isOperatorObject(value.$eq)) setPath(out, key, value.$eq);
    } else if (!(value instanceof RegExp)) {
      setPath(out, key, value);
    }
  }
}

/** MongoDB stores `_id` as the first field. */
export function withIdFirst(doc: Doc): Doc {
  if (Object.keys(doc)[0] === '_id') return doc;
  const { _id, ...rest } = doc;
  return { _id, ...rest };
}

function immutableId(): CommandError {
  return new CommandError(66, 'ImmutableField', "Performing an update on the path '_id' would modify the immutable field '_id'");
}
