/**
 * A value quoted for a Meilisearch filter expression: user text never becomes syntax.
 * @example filterValue('a"b') === '"a\\"b"'
 */
export function filterValue(value: string | number): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`filter value ${value}: expected a finite number`);
    return String(value);
  }
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** `attribute = value`, with the value quoted. */
export function equals(attribute: string, value: string | number): string {
  return `${attribute} = ${filterValue(value)}`;
}

/** `attribute IN [values]`, with every value quoted. */
export function isAnyOf(attribute: string, values: Array<string | number>): string {
  return `${attribute} IN [${values.map(filterValue).join(', ')}]`;
}
