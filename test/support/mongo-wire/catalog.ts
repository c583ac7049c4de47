/**
 * Databases and collections of the in-process MongoDB wire server (test support only; not MongoDB),
 * and the commands that manage them: create, drop, dropDatabase, listCollections, listDatabases,
 * createIndexes, listIndexes, dropIndexes. Collections are created implicitly by writes and
 * createIndexes, as in MongoDB.
 */
import { CommandError } from './errors';
import { Collection } from './collection';
import { Cursors } from './cursors';
import { matcher, type Doc } from './mql';

export type Handler = (catalog: Catalog, db: string, command: Doc) => Doc;

export class Catalog {
  private readonly databases = new Map<string, Map<string, Collection>>();
  readonly cursors = new Cursors();

  get(db: string, name: unknown): Collection | undefined {
    return this.databases.get(db)?.get(collectionName(name));
  }

  getOrCreate(db: string, name: unknown): Collection {
    const collName = collectionName(name);
    let collections = this.databases.get(db);
    if (!collections) this.databases.set(db, (collections = new Map()));
    let collection = collections.get(collName);
    if (!collection) collections.set(collName, (collection = new Collection(`${db}.${collName}`)));
    return collection;
  }

  collections(db: string): Map<string, Collection> {
    return this.databases.get(db) ?? new Map();
  }

  dropCollection(db: string, name: unknown): Collection | undefined {
    const collections = this.databases.get(db);
    const collName = collectionName(name);
    const collection = collections?.get(collName);
    collections?.delete(collName);
    if (collections?.size === 0) this.databases.delete(db);
    return collection;
  }

  dropDatabase(db: string): void {
    this.databases.delete(db);
  }

  databaseNames(): string[] {
    return [...this.databases.keys()];
  }
}

function collectionName(name: unknown): string {
  if (typeof name !== 'string' || name.length === 0 || name.includes('\0') || name.startsWith('$')) {
    throw new CommandError(73, 'InvalidNamespace', `Invalid collection name: ${String(name)}`);
  }
  return name;
}

export const catalogCommands: Record<string, Handler> = {
  create(catalog, db, command) {
    if (catalog.get(db, command.create)) {
      throw new CommandError(48, 'NamespaceExists', `Collection ${db}.${String(command.create)} already exists.`);
    }
    catalog.getOrCreate(db, command.create);
    return { ok: 1 };
  },

  drop(catalog, db, command) {
    const dropped = catalog.dropCollection(db, command.drop);
    return { nIndexesWas: dropped?.indexes.list().length ?? 0, ns: `${db}.${String(command.drop)}`, ok: 1 };
  },

  dropDatabase(catalog, db) {
    catalog.dropDatabase(db);
    return { dropped: db, ok: 1 };
  },

  listCollections(catalog, db, command) {
    const keep = matcher(command.filter as Doc | undefined);
    const infos = [...catalog.collections(db).keys()]
      .map((name) => ({
        name,
        type: 'collection',
        options: {},
        info: { readOnly: false },
        idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
      }))
      .filter((info) => keep(info))
      .map((info) => (command.nameOnly ? { name: info.name, type: info.type } : info));
    const cursor = (command.cursor ?? {}) as Doc;
    return catalog.cursors.first(`${db}.$cmd.listCollections`, infos, { batchSize: cursor.batchSize });
  },

  listDatabases(catalog, _db, command) {
    const databases = catalog.databaseNames().map((name) => ({ name, sizeOnDisk: 0, empty: false }));
    const keep = matcher(command.filter as Doc | undefined);
    const listed = databases.filter((info) => keep(info));
    return { databases: command.nameOnly ? listed.map(({ name }) => ({ name })) : listed, totalSize: 0, ok: 1 };
  },

  createIndexes(catalog, db, command) {
    const existed = catalog.get(db, command.createIndexes) !== undefined;
    const collection = catalog.getOrCreate(db, command.createIndexes);
    const specs = Array.isArray(command.indexes) ? (command.indexes as Doc[]) : [];
    if (specs.length === 0) throw new CommandError(2, 'BadValue', 'Must specify at least one index to create');
    const before = collection.indexes.list().length;
    for (const spec of specs) collection.createIndex(spec);
    const after = collection.indexes.list().length;
    return {
      numIndexesBefore: before,
      numIndexesAfter: after,
      createdCollectionAutomatically: !existed,
      ...(before === after ? { note: 'all indexes already exist' } : {}),
      ok: 1,
    };
  },

  listIndexes(catalog, db, command) {
    const collection = catalog.get(db, command.listIndexes);
    if (!collection) throw new CommandError(26, 'NamespaceNotFound', `ns does not exist: ${db}.${String(command.listIndexes)}`);
    const cursor = (command.cursor ?? {}) as Doc;
    return catalog.cursors.first(`${db}.${String(command.listIndexes)}`, collection.indexes.list(), { batchSize: cursor.batchSize });
  },

  dropIndexes(catalog, db, command) {
    const collection = catalog.get(db, command.dropIndexes);
    if (!collection) throw new CommandError(26, 'NamespaceNotFound', `ns not found ${db}.${String(command.dropIndexes)}`);
    const before = collection.indexes.list().length;
    const targets: unknown[] = Array.isArray(command.index) ? command.index : [command.index];
    for (const target of targets) collection.indexes.drop(target);
    return { nIndexesWas: before, ok: 1 };
  },
};
