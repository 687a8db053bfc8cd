/**
 * Writes the text of a page as lines, the way a browser lays it out for reading: runs of HTML
 * white space collapse to one space (none where a line break of the source falls between two
 * Chinese characters, which the source only wrapped), a block or `<br>` ends the line, a line
 * of nothing but spaces is left out. Every character written keeps the source offset it came
 * from, so positions in the text can be mapped back into the page.
 */

/** The generated text and, for each of its code units, the HTML offset it was written from. */
export interface WrittenText {
  text: string;
  offsets: Int32Array;
}

const NBSP = 0xa0;

function isCollapsible(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c;
}

/** Padding the text path trims at line ends: spaces and U+3000. */
function isPadding(c: number): boolean {
  return c === 0x20 || c === 0x3000;
}

/** Wide characters: CJK ideographs, kana, CJK and full-width punctuation. */
function isWide(c: number): boolean {
  return (
    (c >= 0x2e80 && c <= 0x9fff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xffef)
  );
}

/** Collects lines of text with their source offsets; one writer per page. */
export class LineWriter {
  private readonly chars: number[] = [];
  private readonly sources: number[] = [];
  /** Index in `chars` where the current line starts. */
  private lineStart = 0;
  /** Collapsible white space seen since the last character: where it started, and whether it held a line break. */
  private pending: { at: number; newline: boolean } | null = null;
  /** Line ends are spaces until the next character: a label and its value are one line (joinNext). */
  private joining = false;

  /** Length of the text written so far, counting the line in progress. */
  get length(): number {
    return this.chars.length;
  }

  /**
   * Writes text read from the page.
   * @param value decoded text
   * @param offsets the source offset of each code unit of `value`
   * @param preformatted white space kept as it is and line feeds ending lines (`<pre>`)
   */
  write(value: string, offsets: Int32Array, preformatted = false): void {
    for (let i = 0; i < value.length; i++) {
      let c = value.charCodeAt(i);
      const at = offsets[i]!;
      if (preformatted && (c === 0x0a || c === 0x0d)) {
        this.endLine(at);
        continue;
      }
      if (!preformatted && isCollapsible(c)) {
        if (this.pending) this.pending.newline ||= c === 0x0a || c === 0x0d;
        else this.pending = { at, newline: c === 0x0a || c === 0x0d };
        continue;
      }
      if (c === 0x09) c = 0x20; // a TAB would read as a table cell
      if (c === NBSP) c = 0x20; // &nbsp; is a space the rules can match (the text path trims it the same)
      this.flushPending(c);
      this.joining = false;
      this.chars.push(c);
      this.sources.push(at);
    }
  }

  /** Ends the line in progress (a block's end, a `<br>`); an empty line is not written. */
  endLine(at?: number): void {
    if (this.joining) {
      this.pending ??= { at: at ?? this.sources.at(-1)! + 1, newline: false };
      return;
    }
    this.pending = null;
    while (this.chars.length > this.lineStart && isPadding(this.chars.at(-1)!)) {
      this.chars.pop();
      this.sources.pop();
    }
    if (this.chars.length === this.lineStart) return;
    this.chars.push(0x0a);
    this.sources.push(at ?? this.sources.at(-1)! + 1);
    this.lineStart = this.chars.length;
  }

  /** Writes what comes next on the line in progress, whatever blocks end and start before it. */
  joinNext(): void {
    if (this.chars.length > this.lineStart) this.joining = true;
  }

  /** The text written, the last line ended. */
  finish(): WrittenText {
    this.joining = false;
    this.endLine();
    let text = '';
    // String.fromCharCode with many arguments at once: a page's text is built in large slices.
    for (let k = 0; k < this.chars.length; k += 8192) text += String.fromCharCode(...this.chars.slice(k, k + 8192));
    return { text, offsets: Int32Array.from(this.sources) };
  }

  private flushPending(next: number): void {
    const pending = this.pending;
    this.pending = null;
    if (!pending || this.chars.length === this.lineStart) return;
    const previous = this.chars.at(-1)!;
    if (pending.newline && isWide(previous) && isWide(next)) return;
    if (previous === 0x20) return;
    this.chars.push(0x20);
    this.sources.push(pending.at);
  }
}
