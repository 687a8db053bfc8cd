import { type EntryHead, readHead } from './chronicle-heads.js';

/*
 * Where the entries of a chronicle start, in lines that hold one entry each or many run together
 * (an OCR'd 市志, a crawled page). A line that starts with a head starts an entry. Inside a line,
 * dates also open sentences of an entry (`…成立。6月9日，军分区召开成立大会`, `…于1982年7月22日…`),
 * so a new entry starts mid-line only where a sentence ends and the head looks like the heads
 * the chronicle prints at line starts: the same bullet habit, the same separator after the date
 * (a mark such as ， or none), and a year only where the chronicle prints one.
 */

/** How a chronicle prints its entry heads. */
export interface HeadProfile {
  /** Its heads carry a bullet (·, ●): a date mid-line without one is inside an entry. */
  bulleted: boolean;
  /** A mark (，、：) follows the date: a mid-line date without one is inside an entry, and vice versa. */
  punctuated: boolean;
  /** Its heads print the year even within a year: a mid-line date restating the year can start an entry. */
  yearInHeads: boolean;
}

/** 。！？；!? — compared, not looked up in a set: every character of every entry is tested. */
function isSentenceEnd(c: number): boolean {
  return c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0xff1b || c === 0x21 || c === 0x3f;
}
const CLOSERS = new Set([0x201d, 0x2019, 0x300d, 0x300f, 0xff09, 0x29, 0x3011]); // ”’」』）)】
const PADDING = new Set([0x20, 0x3000]);

/** Indexes right after each sentence end of a text (closing quotes and spaces skipped). */
function sentenceStarts(text: string): number[] {
  const starts: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (!isSentenceEnd(text.charCodeAt(i))) continue;
    let k = i + 1;
    while (k < text.length && CLOSERS.has(text.charCodeAt(k))) k++;
    while (k < text.length && PADDING.has(text.charCodeAt(k))) k++;
    if (k < text.length) starts.push(k);
    i = k - 1;
  }
  return starts;
}

/** The heads that may start an entry mid-line: those right after a sentence end. */
export function midLineHeads(text: string): EntryHead[] {
  const heads: EntryHead[] = [];
  for (const at of sentenceStarts(text)) {
    const head = readHead(text, at);
    if (head) heads.push(head);
  }
  return heads;
}

function majority(heads: readonly EntryHead[], test: (head: EntryHead) => boolean): boolean {
  let yes = 0;
  for (const head of heads) if (test(head)) yes++;
  return yes * 2 > heads.length;
}

const isPunctuated = (head: EntryHead): boolean => head.separator === 'mark';

/**
 * How a chronicle prints its heads, from the heads at line starts (those are entries for sure),
 * or, when no line starts with one, from the heads after sentence ends.
 */
export function headProfile(lineStarts: readonly EntryHead[], candidates: readonly EntryHead[]): HeadProfile {
  const sure = lineStarts.length > 0 ? lineStarts : candidates;
  const dated = sure.filter((h) => h.relative !== 'previous');
  const punctuated = majority(dated, isPunctuated);
  // The year: every head but the first (which opens the year), at line starts and mid-line alike.
  const later = [
    ...lineStarts.slice(1),
    ...candidates.filter((h) => !h.bullet && isPunctuated(h) === punctuated),
  ].filter((h) => h.relative === null);
  return {
    bulleted: majority(sure, (h) => h.bullet !== null),
    punctuated,
    yearInHeads: later.length > 0 && majority(later, (h) => h.year !== null),
  };
}

/**
 * Whether a head after a sentence end starts an entry: a bullet always does; a date only when it
 * looks like the chronicle's heads, and a year printed in it moves forward (a new year), or
 * restates the running year in a chronicle that prints the year in its heads.
 */
function startsEntry(head: EntryHead, profile: HeadProfile, runningYear: number | null): boolean {
  if (head.bullet) return true;
  if (profile.bulleted || isPunctuated(head) !== profile.punctuated) return false;
  if (head.year === null || runningYear === null) return true;
  return head.year > runningYear || (head.year === runningYear && profile.yearInHeads);
}

/**
 * The entry heads of a chronicle's lines, in order: the head a line starts with, and the heads
 * of entries run together after it.
 * @param texts the chronicle's lines (trimmed), in printed order
 * @returns for each line, its heads sorted by position (empty when the line continues an entry)
 */
export function findEntries(texts: readonly string[]): EntryHead[][] {
  const atStart = texts.map((text) => readHead(text, 0));
  const candidates = texts.map((text) => (text.length > 0 ? midLineHeads(text) : []));
  const profile = headProfile(
    atStart.filter((h): h is EntryHead => h !== null),
    candidates.flat(),
  );
  let runningYear: number | null = null;
  return texts.map((_, k) => {
    const heads: EntryHead[] = [];
    const first = atStart[k];
    if (first) {
      heads.push(first);
      runningYear = first.year ?? runningYear;
    }
    for (const head of candidates[k]!) {
      if (first && head.start < first.textStart) continue;
      if (!startsEntry(head, profile, runningYear)) continue;
      heads.push(head);
      runningYear = head.year ?? runningYear;
    }
    return heads;
  });
}
