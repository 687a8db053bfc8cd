import data from './data/misspellings.json' with { type: 'json' };

/** A misspelling found in a query and the standard form searched instead. */
export interface Correction {
  typed: string;
  searched: string;
}

const TABLE = new Map(Object.entries(data.misspellings));
// Longest first, so that a four-character idiom wins over a two-character entry inside it.
const PATTERN = new RegExp([...TABLE.keys()].sort((a, b) => b.length - a.length).join('|'), 'g');

/**
 * Replaces the common misspellings (别字) in what a user typed by their standard forms
 * (index/data/misspellings.json: general knowledge, never tuned to our corpus), the way a
 * search engine answers "showing results for …"; the caller reports the corrections.
 */
export function correctMisspellings(text: string): { text: string; corrections: Correction[] } {
  const corrections: Correction[] = [];
  const corrected = text.replace(PATTERN, (typed) => {
    const searched = TABLE.get(typed)!;
    if (!corrections.some((c) => c.typed === typed)) corrections.push({ typed, searched });
    return searched;
  });
  return { text: corrected, corrections };
}
