import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SearchParameters } from '../index/index.js';

/** One case of the relevance suite (tests/relevance/queries.json). */
export interface RelevanceCase {
  id: string;
  category: string;
  q: string;
  params?: Omit<SearchParameters, 'q'>;
  /** Verbatim substrings that must each be in the text of one of the top 10 hits. */
  expect: string[];
  /** The query must return nothing. */
  expectNone?: boolean;
  /** Verbatim substrings of records that must not be in the top 10 (a precision case). */
  exclude?: string[];
}

/** The relevance suite, from the source tree or from dist/. */
export function relevanceCases(): RelevanceCase[] {
  const up = import.meta.dirname.includes(join('dist', 'bench')) ? ['..', '..'] : ['..'];
  const file = join(import.meta.dirname, ...up, 'tests', 'relevance', 'queries.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { queries: RelevanceCase[] }).queries;
}

/**
 * How well one case was answered, from 0 to 1: the share of expected substrings found in the
 * texts of the top 10 hits; for a case that must return nothing, 1 when nothing came back.
 */
export function scoreCase(testCase: RelevanceCase, total: number, topTexts: string[]): number {
  if (testCase.expectNone) return total === 0 ? 1 : 0;
  const found = testCase.expect.filter((substring) => topTexts.some((text) => text.includes(substring)));
  return found.length / testCase.expect.length;
}

/** For a precision case: whether every record it excludes was kept out of the top 10. */
export function keptOut(testCase: RelevanceCase, topTexts: string[]): boolean {
  return (testCase.exclude ?? []).every((substring) => !topTexts.some((text) => text.includes(substring)));
}

/** Mean score per category and overall. */
export function summarize(
  cases: RelevanceCase[],
  scores: number[],
): { overall: number; byCategory: Map<string, { n: number; recall: number }> } {
  const byCategory = new Map<string, { n: number; recall: number }>();
  cases.forEach((c, i) => {
    const entry = byCategory.get(c.category) ?? { n: 0, recall: 0 };
    entry.recall = (entry.recall * entry.n + scores[i]!) / (entry.n + 1);
    entry.n++;
    byCategory.set(c.category, entry);
  });
  return { overall: scores.reduce((a, b) => a + b, 0) / Math.max(1, scores.length), byCategory };
}
