import { filterValue } from './filter.js';

/**
 * Keyset paging over the records index: each page asks for the records after the last one seen,
 * in a total order, instead of an offset. An offset stops at `pagination.maxTotalHits`; a
 * keyset never does, and records written meanwhile shift nothing.
 *
 * The order is that of the old offset browse, made total: dated records by date, then by line,
 * then by id; then the undated ones by line and id. Meilisearch 1.21 compares strings in filters
 * lexicographically (`id > "c-…"`), against the stored values lowercased but the given value as
 * it is; so a cursor's strings are lowercased here. Ids are lowercase already (`kind-` and hex).
 */
export interface KeysetPhase {
  /** The records of this phase. */
  filter: string;
  /** The attributes of the order, most significant first; the last one is unique (`id`). */
  keys: readonly string[];
}

/** Dated records first, then undated ones (`dateValue` null, or missing). */
export const KEYSET_PHASES: readonly KeysetPhase[] = [
  { filter: 'dateValue EXISTS AND dateValue IS NOT NULL', keys: ['dateValue', 'source.line', 'id'] },
  { filter: '(dateValue NOT EXISTS OR dateValue IS NULL)', keys: ['source.line', 'id'] },
];

/** The attributes a hit needs for its place in the order. */
export const KEYSET_FIELDS = ['id', 'dateValue', 'source'];

/** A record's values for the keys of a phase. */
export function keyOf(hit: object, keys: readonly string[]): Array<string | number> {
  return keys.map((key) => {
    let value: unknown = hit;
    for (const part of key.split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
    if (typeof value !== 'string' && typeof value !== 'number')
      throw new TypeError(
        `record ${String((hit as { id?: unknown }).id)}: keyset attribute ${key} is ${String(value)}, expected a string or number`,
      );
    return value;
  });
}

/** The records after `values` in the order of `keys`: `(a > x) OR (a = x AND b > y) OR …`. */
export function afterKey(keys: readonly string[], values: ReadonlyArray<string | number>): string {
  return lexicographic(keys, values, '>');
}

/** The records at or before `values` in the order of `keys`: the end of a window. */
export function atOrBeforeKey(keys: readonly string[], values: ReadonlyArray<string | number>): string {
  return lexicographic(keys, values, '<', '<=');
}

function lexicographic(
  keys: readonly string[],
  values: ReadonlyArray<string | number>,
  op: '<' | '>',
  lastOp: string = op,
): string {
  const terms: string[] = [];
  for (let i = 0; i < keys.length; i++) {
    const equal = keys.slice(0, i).map((key, k) => `${key} = ${cursorValue(values[k]!)}`);
    const compare = `${keys[i]} ${i === keys.length - 1 ? lastOp : op} ${cursorValue(values[i]!)}`;
    terms.push(`(${[...equal, compare].join(' AND ')})`);
  }
  return `(${terms.join(' OR ')})`;
}

function cursorValue(value: string | number): string {
  return filterValue(typeof value === 'string' ? value.toLowerCase() : value);
}

/** Whether two keys are the same place in the order (a page that did not move on). */
export function sameKey(a: ReadonlyArray<string | number>, b: ReadonlyArray<string | number>): boolean {
  return (
    a.length === b.length &&
    a.every(
      (value, i) =>
        (typeof value === 'string' ? value.toLowerCase() : value) ===
        (typeof b[i] === 'string' ? (b[i] as string).toLowerCase() : b[i]),
    )
  );
}

/** Compares two records in the order of `keys` (for the hits of a window, which come ranked). */
export function compareByKey(keys: readonly string[]): (a: object, b: object) => number {
  return (a, b) => {
    const x = keyOf(a, keys);
    const y = keyOf(b, keys);
    for (let i = 0; i < keys.length; i++) {
      if (x[i]! < y[i]!) return -1;
      if (x[i]! > y[i]!) return 1;
    }
    return 0;
  };
}
