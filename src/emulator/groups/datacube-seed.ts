import { createHash } from 'node:crypto';

/**
 * Deterministic pseudo-random figures: the same account, endpoint and date always give the same
 * numbers, across runs and machines, so tests and demos can rely on them.
 */
export function seeded(...parts: (string | number)[]): () => number {
  let state = createHash('sha256').update(parts.join('\u0000')).digest().readUInt32LE(0);
  // mulberry32: tiny, fast and well distributed enough for synthetic statistics.
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** An integer in [0, max]. */
export const upTo = (random: () => number, max: number): number => Math.floor(random() * (Math.max(0, Math.floor(max)) + 1));
