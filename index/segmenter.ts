import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodejieba from 'nodejieba';
import { DOMAIN_WORDS } from './dictionary.js';

/*
 * The only module that loads nodejieba (a native addon): the rest of the code and the tests go
 * through these functions.
 */

let loaded = false;
const USER_WORD_FREQUENCY = 50_000;

/**
 * Loads jieba's dictionaries once, with the domain dictionary as its user dictionary. It takes
 * seconds and blocks the event loop: a worker loads it before it takes jobs (whose locks could
 * not be renewed meanwhile).
 */
export function ensureLoaded(): void {
  if (loaded) return;
  // "word frequency tag": a word given without a frequency gets jieba's lowest weight and would
  // lose to the ordinary words inside it (社会保障 would come out as 社会/保障).
  const content = DOMAIN_WORDS.map((word) => `${word} ${USER_WORD_FREQUENCY} n\n`).join('');
  // jieba reads its user dictionary from a file. It is written into a private folder of its own
  // (mkdtemp: an unguessable name, mode 0700), never to a fixed name in the shared temp
  // directory, where another user could have put a file, a symlink or a folder first. jieba
  // reads the file while loading, so the folder is removed at once.
  const folder = mkdtempSync(join(tmpdir(), 'gazette-jieba-'));
  try {
    const userDict = join(folder, 'user.dict');
    writeFileSync(userDict, content, { mode: 0o600, flag: 'wx' });
    nodejieba.load({ userDict });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  loaded = true;
}

// Tokens that carry no meaning on their own: punctuation, spaces, single Han characters.
const MEANINGLESS = /^(?:[\p{P}\p{S}\p{Z}\s]+|\p{Script=Han})$/u;
// Runs of Han characters go to jieba; anything else (Latin words, numbers such as PM2.5 or
// 2022) is kept as written, because jieba would cut it into single characters.
const RUNS = /(\p{Script=Han}+)|([\p{L}\p{N}][\p{L}\p{N}.\-_]*[\p{L}\p{N}]|[\p{L}\p{N}])/gu;

/**
 * Words of `text`, each Han run cut by `cutHan`, other words kept whole. `cutHan` is given every
 * run at once and returns the words of each (a native call per run cost more than the cutting).
 */
function words(text: string, cutHan: (runs: string[]) => string[][]): string[] {
  ensureLoaded();
  const matches = [...text.matchAll(RUNS)];
  const cut = cutHan(matches.flatMap(([, han]) => (han ? [han] : [])));
  const out: string[] = [];
  let run = 0;
  for (const [, han, other] of matches) {
    if (han) out.push(...cut[run++]!);
    else if (other) out.push(other);
  }
  return out;
}

/**
 * The words jieba's `cut` gives each of `runs` (runs of Han characters), in one call: the runs
 * joined by line breaks, which jieba cuts at and returns as words of their own, so that each
 * run is cut as if alone.
 */
function cutEach(runs: string[], cut: (text: string) => string[]): string[][] {
  const each: string[][] = runs.map(() => []);
  if (runs.length === 0) return each;
  let run = 0;
  for (const word of cut(runs.join('\n'))) {
    if (word === '\n') run++;
    else each[run]!.push(word);
  }
  return each;
}

/**
 * Search-mode segmentation: the words of `text`, plus every dictionary word inside a longer
 * one (区退役军人事务局 also gives 退役军人, 退役, 军人, 事务局), unique, in order of first
 * appearance, without punctuation or lone Han characters.
 */
export function segmentForSearch(text: string): string[] {
  return searchAndPlainWords(text).search;
}

/**
 * The words {@link segmentForSearch} adds to what the index's own segmentation of `text` gives
 * (Meilisearch cuts Chinese with jieba and the same dictionary): the dictionary words inside
 * longer ones (农业 inside 区农业农村局), not the words of jieba's plain cut, which the indexed
 * text already holds. Keeps documents small: each word of a text is indexed once.
 */
export function segmentInnerWords(text: string): string[] {
  const { search, plain } = searchAndPlainWords(text);
  return search.filter((word) => !plain.has(word));
}

/**
 * Search-mode words of `text` and the words of its plain cut, from two passes of jieba over its
 * Han runs (plain and full mode) instead of three: jieba's search mode is its plain cut with,
 * before each word of more than two characters, the dictionary words of two and three
 * characters inside it, which full mode gives (every dictionary word of the run, at every
 * position). Full mode also gives the longer words inside long ones (退役军人 inside
 * 区退役军人事务局), of which those of four characters or more are kept.
 */
function searchAndPlainWords(text: string): { search: string[]; plain: Set<string> } {
  ensureLoaded();
  const matches = [...text.matchAll(RUNS)];
  const runs = matches.flatMap(([, han]) => (han ? [han] : []));
  const plainCut = cutEach(runs, (joined) => nodejieba.cut(joined));
  const fullCut = cutEach(runs, (joined) => nodejieba.cutAll(joined));
  const search = new Set<string>();
  const plain = new Set<string>();
  let run = 0;
  for (const [, han, other] of matches) {
    if (han) {
      const words = plainCut[run]!;
      const full = fullCut[run]!;
      run++;
      for (const word of words) plain.add(word);
      const inside = searchModeWords(han, words, full) ?? nodejieba.cutForSearch(han);
      for (const word of inside) if (!MEANINGLESS.test(word)) search.add(word);
      for (const word of full) if (word.length >= 4 && !MEANINGLESS.test(word)) search.add(word);
    } else if (other) {
      plain.add(other);
      if (!MEANINGLESS.test(other)) search.add(other);
    }
  }
  return { search: [...search], plain };
}

/**
 * jieba's search-mode words of a Han run (cutForSearch, without its HMM), from the run's plain
 * cut and its full-mode words: null for a run with characters outside the Basic Multilingual
 * Plane, where jieba's characters are not JavaScript's code units (the caller asks jieba).
 */
function searchModeWords(run: string, plainWords: string[], fullWords: string[]): string[] | null {
  if (/[\uD800-\uDFFF]/.test(run)) return null;
  // Bit 1: a dictionary word of two characters starts at that position; bit 2: one of three.
  const starts = new Uint8Array(run.length);
  // Full mode gives the words by start, then by length; every occurrence of a dictionary word
  // of two characters or more is among them, so the next one is at the first place, on from the
  // last one's start, where it is written (at that same start only if it is longer).
  let at = 0;
  let length = 0;
  for (const word of fullWords) {
    if (word.length < 2) continue;
    at = word.length > length && run.startsWith(word, at) ? at : run.indexOf(word, at + 1);
    if (at < 0) return null; // not as described: let jieba say
    length = word.length;
    if (word.length <= 3) starts[at]! |= word.length === 2 ? 1 : 2;
  }
  const out: string[] = [];
  let start = 0;
  for (const word of plainWords) {
    const n = word.length;
    if (n > 2)
      for (let i = 0; i + 1 < n; i++) if (starts[start + i]! & 1) out.push(run.slice(start + i, start + i + 2));
    if (n > 3)
      for (let i = 0; i + 2 < n; i++) if (starts[start + i]! & 2) out.push(run.slice(start + i, start + i + 3));
    out.push(word);
    start += n;
  }
  return out;
}

/**
 * {@link segmentForSearch} as jieba's own search mode gives it (three passes: search, full and
 * plain mode): the reference the tests hold the two-pass one to.
 */
export function segmentForSearchByJieba(text: string): string[] {
  const tokens = new Set<string>();
  const cut = (runs: string[]) => {
    const full = cutEach(runs, (joined) => nodejieba.cutAll(joined));
    return cutEach(runs, (joined) => nodejieba.cutForSearch(joined)).map((words, i) => [
      ...words,
      ...full[i]!.filter((word) => word.length >= 4),
    ]);
  };
  for (const word of words(text, cut)) if (!MEANINGLESS.test(word)) tokens.add(word);
  return [...tokens];
}

/** Plain segmentation for queries: the words of `text` in order, punctuation dropped. */
export function segmentQuery(text: string): string[] {
  return words(text, (runs) => cutEach(runs, (joined) => nodejieba.cut(joined))).filter(
    (word) => !/^[\p{P}\p{S}\p{Z}\s]+$/u.test(word),
  );
}

/** The `count` terms of `text` with the highest TF-IDF weight. */
export function topKeywords(text: string, count: number): string[] {
  ensureLoaded();
  return nodejieba
    .extract(text, count * 2)
    .map((result) => result.word)
    .filter((word) => !MEANINGLESS.test(word) && !/^\d+$/.test(word))
    .slice(0, count);
}
