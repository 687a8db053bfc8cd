import { MATCH_END, MATCH_START } from './highlight.js';
import { toSimplified } from './to-simplified.js';

/*
 * Highlights and crops made here rather than by Meilisearch: Meilisearch 1.21 tokenises the
 * whole of every hit's text to format it, which for a notice of 16,000 characters costs 50 to
 * 100 ms a hit (measured at the corpus ×50: 500 to 1,300 ms for 10 hits, the search itself
 * 10 to 20 ms). The hits of a search hold its words as typed or segmented (the strict ways of
 * matching, index/match-plans.ts), so marking where those words are printed finds them.
 */

/** Characters of text a crop shows. */
export const CROP_CHARACTERS = 150;
/** Characters a crop shows before its first match. */
const LEAD = 20;

interface Span {
  start: number;
  end: number;
  word: string;
}

/**
 * Where the words are printed in a text, longest word first where two overlap. A text in
 * traditional characters is searched in its simplified form when that keeps every position.
 */
function spans(text: string, words: string[]): Span[] {
  const wanted = [...new Set(words.filter(Boolean))].sort((a, b) => b.length - a.length);
  if (wanted.length === 0 || text.length === 0) return [];
  const pattern = new RegExp(wanted.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gu');
  const find = (searched: string) =>
    [...searched.matchAll(pattern)].map((m) => ({ start: m.index, end: m.index + m[0].length, word: m[0] }));
  const found = find(text);
  if (found.length > 0 || !inTraditionalScript(text)) return found;
  const simplified = toSimplified(text);
  return simplified.length === text.length ? find(simplified) : [];
}

/**
 * Whether a text is printed in traditional characters, told from its start: converting a
 * whole notice costs milliseconds (4 ms for 15,000 characters), and a text in traditional script
 * shows it in its first lines.
 */
function inTraditionalScript(text: string): boolean {
  const start = text.slice(0, 300);
  return toSimplified(start) !== start;
}

/** The text with its matches between MATCH_START and MATCH_END, as Meilisearch formats them. */
function mark(text: string, found: Span[], from = 0, to = text.length): string {
  let out = '';
  let at = from;
  for (const span of found) {
    if (span.start < from || span.end > to) continue;
    out += text.slice(at, span.start) + MATCH_START + text.slice(span.start, span.end) + MATCH_END;
    at = span.end;
  }
  return out + text.slice(at, to);
}

/** A short text (a title, a heading) with every match of the words marked; null when none is printed in it. */
export function markWords(text: string | null | undefined, words: string[]): string | null {
  if (!text) return null;
  const found = spans(text, words);
  return found.length > 0 ? mark(text, found) : null;
}

/**
 * A crop of the text: CROP_CHARACTERS characters around the place where most of the distinct
 * words are printed (the first such place), its matches marked, `…` where it cuts the text; the
 * start of the text when none is printed.
 */
export function cropAround(text: string, words: string[]): string {
  const found = spans(text, words);
  // A window starting LEAD characters before each match, slid over the matches in order: the
  // counts of the words inside it change as matches enter at its end and leave at its start.
  let start = 0;
  let best = 0;
  const inside = new Map<string, number>();
  let last = 0;
  for (const [first, span] of found.entries()) {
    const from = Math.max(0, span.start - LEAD);
    for (; last < found.length && found[last]!.end <= from + CROP_CHARACTERS; last++)
      inside.set(found[last]!.word, (inside.get(found[last]!.word) ?? 0) + 1);
    if (inside.size > best) {
      best = inside.size;
      start = from;
    }
    // The match this window started at leaves it.
    if (first < last) {
      const left = inside.get(span.word)! - 1;
      if (left === 0) inside.delete(span.word);
      else inside.set(span.word, left);
    }
  }
  // A match cut by the window's end is shown whole.
  let end = Math.min(text.length, start + CROP_CHARACTERS);
  for (const span of found) if (span.start < end && span.end > end) end = span.end;
  return `${start > 0 ? '…' : ''}${mark(text, found, start, end)}${end < text.length ? '…' : ''}`;
}
