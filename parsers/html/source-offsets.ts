/**
 * Where each character of a hast text node's value stands in the HTML source. The value is
 * decoded (`&nbsp;` → U+00A0, `&amp;` → `&`, CRLF → LF), so the source span is longer than the
 * value wherever the page wrote a character reference or a CRLF: such a character is placed at
 * the `&` or the CR that wrote it.
 */

/** How far a character reference may run before we give up looking for its end. */
const MAX_REFERENCE = 32;

/** The end (exclusive) of a character reference that starts with `&` at `at`. */
function referenceEnd(source: string, at: number, limit: number): number {
  let k = at + 1;
  if (source.charCodeAt(k) === 0x23) k++; // #
  if (source.charCodeAt(k) === 0x78 || source.charCodeAt(k) === 0x58) k++; // x X
  const stop = Math.min(limit, at + MAX_REFERENCE);
  while (k < stop && /[0-9A-Za-z]/u.test(source[k]!)) k++;
  // A reference without its semicolon (`&nbsp` in tag soup) ends at the last name character.
  return source.charCodeAt(k) === 0x3b && k < limit ? k + 1 : k; // ;
}

/**
 * The source offset of each code unit of `value`, a text node read from `source.slice(start, end)`.
 * @returns one offset per code unit of `value`
 */
export function sourceOffsets(value: string, source: string, start: number, end: number): Int32Array {
  const offsets = new Int32Array(value.length);
  let p = start;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const s = source.charCodeAt(p);
    if (p >= end) {
      offsets[i] = Math.max(start, end - 1);
      continue;
    }
    offsets[i] = p;
    if (s === 0x26 && isReference(value, i, source, p)) {
      // A reference may decode to two code units (a character outside the BMP): both sit at `&`.
      const next = referenceEnd(source, p, end);
      if (i + 1 < value.length && isLowSurrogate(value.charCodeAt(i + 1))) offsets[++i] = p;
      p = next;
    } else if (s === 0x0d && c === 0x0a) {
      p += source.charCodeAt(p + 1) === 0x0a ? 2 : 1;
    } else {
      p++;
    }
  }
  return offsets;
}

/**
 * Whether the `&` at `p` wrote a reference rather than itself: it is followed by a name or `#`,
 * and the value does not go on with what the source prints after it (`a&b` left as it is).
 */
function isReference(value: string, i: number, source: string, p: number): boolean {
  const after = source[p + 1];
  if (after === undefined || !/[#0-9A-Za-z]/u.test(after)) return false;
  return value.charCodeAt(i) !== 0x26 || value[i + 1] !== after;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
