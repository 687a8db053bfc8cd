import { VFile } from 'vfile';
import type { NoticeNode } from './nodes.js';
import markStructure from './plugins/mark-structure.js';
import { parseLines } from './plugins/parse-lines.js';
import splitNotices from './plugins/split-notices.js';

/*
 * A large file is parsed window by window, so that its tree (a node per line, and the clauses,
 * tables … over them) never exists whole: each window is parsed, its records written and its
 * tree let go before the next is read. A window ends right before a notice starts, which is
 * where the whole file's parse would end the notice above, and the few rules that read on from
 * one line to the next across the whole file (which section the lines are in) start each window
 * in the state the window above left (CarriedState). What is read over a whole file otherwise is
 * read over the window: the main jurisdiction, the names a chronicle's officials are read with,
 * the documents a chronicle's year is checked against. An issue is far smaller than a window.
 */

/**
 * Characters of text in a window: about 3 MB of Chinese in UTF-8, several issues. Measured on
 * the corpus repeated to 210 MB: windows of 4 million characters peaked at 616 MB and took
 * 14.3 s, of 1 million 505 MB and 10.0 s (less is promoted to the old generation and left there
 * as garbage until a full collection).
 */
export const WINDOW_CHARS = 1024 * 1024;
/** Characters read past a window's end to find the notice it ends before; more when none is found there. */
const PROBE_CHARS = 64 * 1024;

/** The state of the rules that read across lines, at the end of a window: where the next starts. */
export interface CarriedState {
  /** mark-structure: the lines are in a chronicle opened by a heading above. */
  inEvents: boolean;
  /** split-notices: the section the next notice is in. */
  noticeSection: NoticeNode['section'] | 'events';
  /** coverage: the section residue lines are reported in. */
  coverageSection: string;
}

declare module 'vfile' {
  interface DataMap {
    /** For a window after the first: the state the window above ended in (windows.ts). */
    carriedIn: CarriedState;
    /** The state this window ends in, filled by the plugins that keep one. */
    carriedOut: Partial<CarriedState>;
  }
}

/** A text to cut into windows: a string, or a large file's text in pieces (PieceText). */
export interface Text {
  readonly length: number;
  slice(from: number, to: number): string;
}

/**
 * A text held as the pieces it was decoded in (decode.ts, decodeBytes), never joined: a window
 * is made of the pieces it spans. One flat copy of a text of hundreds of megabytes, beside the
 * pieces or the bytes, was the peak of the memory a large file took.
 */
export class PieceText implements Text {
  readonly length: number;
  private readonly starts: number[] = [];

  constructor(readonly pieces: readonly string[]) {
    let length = 0;
    for (const piece of pieces) {
      this.starts.push(length);
      length += piece.length;
    }
    this.length = length;
  }

  slice(from: number, to: number): string {
    const end = Math.min(to, this.length);
    let k = this.pieceAt(from);
    const parts: string[] = [];
    for (let at = from; at < end; k++) {
      const start = this.starts[k]!;
      const piece = this.pieces[k]!;
      const upTo = Math.min(end, start + piece.length);
      parts.push(piece.slice(at - start, upTo - start));
      at = upTo;
    }
    return parts.length === 1 ? parts[0]! : parts.join('');
  }

  /** The piece that holds offset `at`. */
  private pieceAt(at: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= at) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}

/**
 * Cuts `text` into windows of about `size` characters, each ending at the start of a line that
 * starts a notice; a text that fits in one window (every real issue) is one window.
 */
export function* textWindows(text: Text, size = WINDOW_CHARS): Generator<{ from: number; to: number }> {
  let from = 0;
  while (text.length - from > size) {
    const cut = windowEnd(text, from, size);
    if (cut === null) break;
    yield { from, to: cut };
    from = cut;
  }
  yield { from, to: text.length };
}

/** The offset of the first line start at or after `at`, read in slices (the text may be in pieces). */
function lineStartAfter(text: Text, at: number): number {
  if (at <= 0) return 0;
  for (let from = at - 1, span = 4096; from < text.length; from += span, span *= 2) {
    // One character more than the span: a CR at its end may be followed by its LF.
    const part = text.slice(from, from + span + 1);
    const lf = part.indexOf('\n');
    const cr = part.indexOf('\r');
    const brk = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
    if (brk < 0 || brk >= span) continue;
    return from + brk + (part.charCodeAt(brk) === 13 && part.charCodeAt(brk + 1) === 10 ? 2 : 1);
  }
  return text.length;
}

/**
 * Where the window that starts at `from` ends: at the first notice after a chronicle (大事记)
 * past its `size` characters, so that a chronicle and the documents of its issue (printed
 * before it, which its year is checked against) are read in one window. Where no chronicle is
 * printed, at the second notice past it (the first may be cut short at its top, as the text read
 * starts in the middle of something). Null when the rest is read as one window: nothing follows
 * the last chronicle, or no notice follows at all.
 */
function windowEnd(text: Text, from: number, size: number): number | null {
  const at = lineStartAfter(text, from + size);
  let fallback: number | null = null;
  for (let probe = PROBE_CHARS; ; probe *= 4) {
    const end = lineStartAfter(text, at + probe);
    const starts = noticeStarts(text.slice(at, end));
    if (starts.afterChronicle !== null) return at + starts.afterChronicle;
    fallback ??= starts.second === null ? null : at + starts.second;
    if (end >= text.length) return starts.chronicle ? null : fallback;
    // An issue longer than this is cut between its notices: its chronicle is checked against the rest.
    if (probe * 4 > size) return fallback;
  }
}

/**
 * Where notices start in `text`, on a line of their own: the first after a chronicle, the second
 * of all; and whether a chronicle is printed in it.
 */
function noticeStarts(text: string): { afterChronicle: number | null; second: number | null; chronicle: boolean } {
  const tree = parseLines(text);
  markStructure()(tree);
  splitNotices()(tree, new VFile({ value: '' }));
  let second: number | null = null;
  let notices = 0;
  let afterEvents = false;
  let chronicle = false;
  for (const node of tree.children) {
    if ((node.type === 'sectionHeading' || node.type === 'sectionStart') && node.section === 'events')
      afterEvents = chronicle = true;
    if (node.type !== 'notice') continue;
    const start = node.position?.start;
    if (start?.column === 1) {
      if (afterEvents) return { afterChronicle: start.offset!, second, chronicle };
      if (++notices === 2) second = start.offset!;
    }
    afterEvents = false;
  }
  return { afterChronicle: null, second, chronicle };
}
