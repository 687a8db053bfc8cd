import { type AnalyzedQuery, TERMS_PER_REQUEST, queryStrings } from './analyze-query.js';

/**
 * How closely the hits of a search match its words: every word, whole (`all-words`); every
 * word but one, whole (`all-but-one`); or some of the words, as Meilisearch matches them when
 * it may drop words and split unknown words into characters (`some-words`).
 */
export type Match = 'all-words' | 'all-but-one' | 'some-words';

/** The Meilisearch queries of one way of matching: one query, or several merged (federated). */
export interface MatchPlan {
  match: Match;
  queries: Array<{ q: string; matchingStrategy?: 'all' }>;
}

/** A word as a Meilisearch phrase: its characters consecutive, never a scatter of them (施春伟, not 施…春…伟). */
function whole(word: string): string {
  const bare = word.replaceAll('"', '');
  return bare.length > 1 ? `"${bare}"` : bare;
}

/**
 * The ways to match a query, strictest first; a search answers with the first that matches
 * anything, and says which:
 * 1. every word as typed (between spaces), whole: 施春伟 as 施春伟, never 施…春…伟, even when
 *    the segmentation does not know the name;
 * 2. every word of the segmentation, whole (企业上市联席会议制度 → 企业, 上市, 联席会议, 制度);
 * 3. every such word but one of two characters or more, one query per word left out;
 * 4. (three words or more) Meilisearch's own loose matching, in groups of at most 8 words.
 * A query longer than 8 words is matched loosely only, as Meilisearch reads at most 10 words a
 * query. A query that matches nothing the strict ways and cannot be loosened gives nothing:
 * words that are in no record find nothing (元宇宙 is not 元 or 宇宙 alone).
 */
export function matchPlans(query: AnalyzedQuery): MatchPlan[] {
  const words = [...query.phrases, ...query.terms];
  if (words.length === 0) return [{ match: 'all-words', queries: [{ q: '' }] }];
  const loose: MatchPlan = { match: 'some-words', queries: queryStrings(query).map((q) => ({ q })) };
  if (words.length > TERMS_PER_REQUEST) return [loose];
  const strict = (list: string[]): MatchPlan['queries'][number] => ({ q: list.map(whole).join(' '), matchingStrategy: 'all' });
  const plans: MatchPlan[] = [];
  const typed = [...query.phrases, ...query.chunks];
  if (typed.length > 0 && typed.length <= TERMS_PER_REQUEST) plans.push({ match: 'all-words', queries: [strict(typed)] });
  plans.push({ match: 'all-words', queries: [strict(words)] });
  const droppable = words.filter((word) => word.length >= 2 && !query.phrases.includes(word));
  if (droppable.length >= 2) plans.push({ match: 'all-but-one', queries: droppable.map((left) => strict(words.filter((word) => word !== left))) });
  if (words.length >= 3) plans.push(loose);
  // Two ways that send the same query are one.
  return plans.filter((plan, i) => plans.findIndex((other) => JSON.stringify(other.queries) === JSON.stringify(plan.queries)) === i);
}
