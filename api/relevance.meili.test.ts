import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keptOut, relevanceCases, scoreCase, summarize } from '../bench/relevance.js';
import { RecordSearch } from '../index/index.js';
import { processIssue } from '../ingest/processor.js';
import { CORPUS_FILES, corpusBytes, dropIndexes, isolated } from '../tests/helpers/ingest-setup.js';
import { TestMeili } from '../tests/helpers/test-meili.js';

/*
 * The relevance suite (tests/relevance/queries.json) as a test: every query written from the
 * corpus must put its expected texts in the top 10. `npm run bench` prints the same suite's
 * recall@10 against plain Meilisearch too.
 */
let meili: TestMeili;
const setup = isolated('relevance');

beforeAll(async () => {
  meili = await TestMeili.start();
  const context = { archive: setup.archive, client: meili.client, names: setup.names };
  for (const file of CORPUS_FILES)
    await processIssue({ sha256: setup.archive.store(corpusBytes(file), file), file }, context);
}, 120_000);
afterAll(async () => {
  await dropIndexes(meili.client, setup.names);
  await meili.stop();
});

describe('the relevance suite', () => {
  it('should have at least 60 queries covering every category the users need', () => {
    const cases = relevanceCases();
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(new Set(cases.map((c) => c.category))).toEqual(
      new Set([
        'clause-term',
        'short-in-long',
        'long-query',
        'traditional',
        'phrase',
        'department',
        'person',
        'date-range',
        'doc-number',
        'none',
        'typo',
        'precision',
      ]),
    );
  });

  it('should answer at least 97 % of it, and every query that must return nothing', async () => {
    const cases = relevanceCases();
    const search = new RecordSearch(meili.client, setup.names);
    const scores: number[] = [];
    const precision: boolean[] = [];
    for (const c of cases) {
      const result = await search.searchWhole({ q: c.q, ...c.params, limit: 10 });
      const texts = result.hits.map((h) => `${'title' in h ? (h.title ?? '') : ''}\n${h.text}`);
      scores.push(scoreCase(c, result.total, texts));
      if (c.exclude) precision.push(keptOut(c, texts));
    }
    // Of the cases naming records that must not appear, at least 90 % keep them out.
    expect(precision.length).toBeGreaterThan(0);
    expect(precision.filter(Boolean).length / precision.length).toBeGreaterThanOrEqual(0.9);
    const missed = cases.filter((_, i) => scores[i]! < 1).map((c) => c.id);
    expect(summarize(cases, scores).overall, `missed: ${missed.join(', ')}`).toBeGreaterThanOrEqual(0.97);
    expect(missed.filter((id) => id.startsWith('none'))).toEqual([]);
  }, 60_000);
});
