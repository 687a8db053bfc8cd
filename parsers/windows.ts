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

/** Characters of text in a window: about 12 MB of Chinese in UTF-8, tens of issues. */
export const WINDOW_CHARS = 4 * 1024 * 1024;
/** Characters read past a window's end to find the notice it ends before; more when none is found there. */
const PROBE_CHARS = 256 * 1024;

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

/** A window of the text: `text.slice(from, to)`, starting at line `line`. */
export interface TextWindow {
  from: number;
  to: number;
  line: number;
}

/**
 * Cuts `text` into windows of about `size` characters, each ending at the start of a line that
 * starts a notice; a text that fits in one window (every real issue) is one window.
 */
export function* textWindows(text: string, size = WINDOW_CHARS): Generator<Omit<TextWindow, 'line'>> {
  let from = 0;
  while (text.length - from > size) {
    const cut = windowEnd(text, from, size);
    if (cut === null) break;
    yield { from, to: cut };
    from = cut;
  }
  yield { from, to: text.length };
}

/** The offset of the first line start at or after `at`. */
function lineStartAfter(text: string, at: number): number {
  if (at <= 0) return 0;
  const lf = text.indexOf('\n', at - 1);
  const cr = text.indexOf('\r', at - 1);
  const brk = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
  if (brk < 0) return text.length;
  return text.charCodeAt(brk) === 13 && text.charCodeAt(brk + 1) === 10 ? brk + 2 : brk + 1;
}

/**
 * Where the window that starts at `from` ends: at the first notice after a chronicle (大事记)
 * past its `size` characters, so that a chronicle and the documents of its issue (printed
 * before it, which its year is checked against) are read in one window. Where no chronicle is
 * printed, at the second notice past it (the first may be cut short at its top, as the text read
 * starts in the middle of something). Null when the rest is read as one window: nothing follows
 * the last chronicle, or no notice follows at all.
 */
function windowEnd(text: string, from: number, size: number): number | null {
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
