/**
 * Readers for values in a parseXml field map. Callback XML comes from the platform, an emulator or
 * an attacker, so every reader accepts any value and never throws: absent or ill-typed becomes
 * '' / null / [], and the raw map keeps the original for anyone who needs it.
 */

type Raw = Record<string, unknown>;

/** A text value; '' when absent or not text (e.g. an element with children). */
export function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A text value that may legitimately be missing; empty counts as missing. */
export function optText(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

const DECIMAL = /^[-+]?\d+(?:\.\d+)?$/;

/** A number written in decimal (ints and floats such as Latitude); null otherwise. No hex, no exponents. */
export function num(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return DECIMAL.test(trimmed) ? Number(trimmed) : null;
}

/** A nested element's children; an empty map when it is absent or plain text. */
export function group(value: unknown): Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Raw) : EMPTY;
}
const EMPTY: Raw = Object.freeze({});

/**
 * A repeated element as an array. Dict-style XML parsers return one `item` as an object and several
 * as an array (§2.5); this is the one place that difference disappears.
 */
export function many(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

/** `many` for repeated elements that each carry fields, e.g. `ResultList/item`. */
export function records(value: unknown): Raw[] {
  return many(value).map(group);
}
