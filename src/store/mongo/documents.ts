/** Small conventions every Mongo repository shares. */

/** E11000: a unique index refused the write. The store's way of saying "already there". */
export function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

/**
 * Schema options for a collection holding one aggregate: no `__v` version key (writes are single
 * atomic updates, never read-modify-save), no automatic timestamps (the domain sets its own from the
 * injected clock), and a fixed collection name so operators know where to look.
 */
export function aggregateSchemaOptions(collection: string) {
  return { collection, versionKey: false as const, timestamps: false, strict: 'throw' as const, minimize: false };
}
