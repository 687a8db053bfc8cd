import { type AnalyzedQuery, TERMS_PER_REQUEST, queryStrings } from './analyze-query.js';
import { DEPARTMENT_SYNONYMS } from './dictionary.js';

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

/** Most spellings of one query sent at once (each its own query, merged). */
const MAX_SPELLINGS = 6;

/**
 * The query's words in each spelling of the departments it names: a phrase is matched as
 * typed, so Meilisearch's synonyms (城管局 = 区城市管理局) do not apply to it; each other name of
 * a department alias gives a query of its own. At most MAX_SPELLINGS, the typed one first.
 */
function spellings(words: string[]): string[][] {
  let lists: string[][] = [[]];
  for (const word of words) {
    const names = DEPARTMENT_SYNONYMS[word] ?? [];
    lists = lists.flatMap((list) => [word, ...names].map((spelling) => [...list, spelling])).slice(0, MAX_SPELLINGS);
  }
  return lists;
}

/**
 * The ways to match a query, strictest first; a search answers with the first that matches
 * anything, and says which:
 * 1. every word as typed (between spaces), whole: 施春伟 as 施春伟, never 施…春…伟, even when
 *    the segmentation does not know the name;
 * 2. every word of the segmentation, whole (企业上市联席会议制度 → 企业, 上市, 联席会议, 制度);
 * 3. every such word but one of two characters or more, one query per word left out;
 * 4. (three words or more) Meilisearch's own loose matching, in groups of at most 8 words.
 * In the strict ways, a department alias also matches as each of the department's names.
 * A query longer than 8 words is matched loosely only, as Meilisearch reads at most 10 words a
 * query. A query that matches nothing the strict ways and cannot be loosened gives nothing:
 * words that are in no record find nothing (元宇宙 is not 元 or 宇宙 alone).
 */
export function matchPlans(query: AnalyzedQuery): MatchPlan[] {
  const words = [...query.phrases, ...query.terms];
  if (words.length === 0) return [{ match: 'all-words', queries: [{ q: '' }] }];
  const loose: MatchPlan = { match: 'some-words', queries: queryStrings(query).map((q) => ({ q })) };
  if (words.length > TERMS_PER_REQUEST) return [loose];
  const strict = (list: string[]): MatchPlan['queries'] =>
    spellings(list).map((spelled) => ({ q: spelled.map(whole).join(' '), matchingStrategy: 'all' }));
  const plans: MatchPlan[] = [];
  const typed = [...query.phrases, ...query.chunks];
  if (typed.length > 0 && typed.length <= TERMS_PER_REQUEST) plans.push({ match: 'all-words', queries: strict(typed) });
  plans.push({ match: 'all-words', queries: strict(words) });
  const droppable = words.filter((word) => word.length >= 2 && !query.phrases.includes(word));
  if (droppable.length >= 2)
    plans.push({
      match: 'all-but-one',
      queries: droppable.flatMap((left) => strict(words.filter((word) => word !== left))),
    });
  if (words.length >= 3) plans.push(loose);
  // Two ways that send the same query are one.
  return plans.filter(
    (plan, i) => plans.findIndex((other) => JSON.stringify(other.queries) === JSON.stringify(plan.queries)) === i,
  );
}
