import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Meilisearch } from 'meilisearch';
import { buildApp } from '../api/app.js';
import {
  EmbeddedMeili,
  type IndexNames,
  meiliClient,
  RecordSearch,
  type SearchParameters,
  indexNames,
  searchOnlyKey,
  segmentQuery,
  ensureIndexes,
} from '../index/index.js';
import { Archive } from '../ingest/archive.js';
import { processIssue } from '../ingest/processor.js';
import { parseGazette } from '../parsers/index.js';
import { type RelevanceCase, relevanceCases, scoreCase, summarize } from './relevance.js';
import { type MeiliRequest, recordingClient, sendStraight } from './recorded-requests.js';
import { corpusIssues } from './repeat-corpus.js';
import { shiftedIssues } from './shifted-issues.js';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function ingest(
  issues: Array<{ name: string; bytes: Buffer }>,
  archive: Archive,
  client: Meilisearch,
  names: IndexNames,
): Promise<void> {
  for (const issue of issues)
    await processIssue(
      { sha256: archive.store(issue.bytes, issue.name), file: issue.name },
      { archive, client, names },
    );
}

/** What a case's expected texts are looked for in: a hit's title and text (as the relevance test does). */
function hitText(hit: { title?: string | null; text: string }): string {
  return `${hit.title ?? ''}\n${hit.text}`;
}

/**
 * The search benchmarks: recall@10 of the relevance suite against our search and against a
 * plain Meilisearch index of the same records with default settings; and latency p50/p99 and
 * response sizes through the HTTP API and straight against Meilisearch, at the corpus ×50.
 */
export async function searchBench(): Promise<void> {
  // BENCH_SEARCH_DATA keeps the data (and the ×50 index) for the next run instead of a temporary folder.
  const kept = process.env.BENCH_SEARCH_DATA;
  const dataDir = kept ?? mkdtempSync(join(tmpdir(), 'gazette-bench-search-'));
  const meili = await EmbeddedMeili.open(dataDir);
  const admin = meiliClient(meili.url, meili.masterKey);
  const archive = new Archive(join(dataDir, 'archive'));
  try {
    const cases = relevanceCases();
    // BENCH_LATENCY_ONLY=1 skips the relevance suite (to time a kept index again, before and after a change).
    if (process.env.BENCH_LATENCY_ONLY !== '1') await relevance(cases, archive, admin);
    const times = Number(process.env.BENCH_CORPUS_TIMES ?? 50);
    if (times > 0) await latency(cases, times, archive, admin, meili.url);
  } finally {
    await meili.close();
    if (!kept) rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Recall@10 of the relevance suite, ours against plain Meilisearch, and precision on queries nobody wrote, on the corpus. */
async function relevance(cases: RelevanceCase[], archive: Archive, admin: Meilisearch): Promise<void> {
  const corpus = corpusIssues().map((bytes, i) => ({ name: `corpus-${i}.txt`, bytes }));
  const names = indexNames('bench-relevance');
  await ingest(corpus, archive, admin, names);
  const plain = 'bench-plain';
  await admin.deleteIndex(plain).waitTask();
  await admin.createIndex(plain, { primaryKey: 'id' }).waitTask();
  for (const issue of corpus)
    await admin
      .index(plain)
      .addDocuments(parseGazette(issue.bytes, { file: issue.name }).records)
      .waitTask({ timeout: 600_000 });

  const ours = new RecordSearch(admin, names);
  const ourScores: number[] = [];
  const plainScores: number[] = [];
  const misses: string[] = [];
  for (const c of cases) {
    const result = await ours.searchWhole({ q: c.q, ...c.params, limit: 10 });
    const score = scoreCase(c, result.total, result.hits.map(hitText));
    ourScores.push(score);
    if (score < 1) misses.push(`${c.id} (${score.toFixed(2)}): ${c.q || JSON.stringify(c.params)}`);
    const baseline = await admin.index(plain).search(c.q, { limit: 10 });
    plainScores.push(
      scoreCase(
        c,
        baseline.estimatedTotalHits ?? baseline.hits.length,
        baseline.hits.map((h) => hitText(h as { title?: string; text: string })),
      ),
    );
  }
  const a = summarize(cases, ourScores);
  const b = summarize(cases, plainScores);
  console.log(
    `\nsearch: relevance suite, ${cases.length} queries, recall@10 (ours vs plain Meilisearch with default settings)`,
  );
  for (const [category, entry] of a.byCategory) {
    console.log(
      `  ${category.padEnd(14)} n=${String(entry.n).padStart(2)}  ours ${entry.recall.toFixed(2)}  plain ${b.byCategory.get(category)!.recall.toFixed(2)}`,
    );
  }
  console.log(
    `  ${'overall'.padEnd(14)} n=${String(cases.length).padStart(2)}  ours ${a.overall.toFixed(3)}  plain ${b.overall.toFixed(3)}`,
  );
  if (misses.length) console.log(`  below 1: ${misses.join('; ')}`);

  await precisionChecks(
    ours,
    corpus.flatMap((issue) =>
      parseGazette(issue.bytes, { file: issue.name }).records.map((r) =>
        hitText(r as { title?: string; text: string }),
      ),
    ),
  );
}

/**
 * Precision on queries nobody wrote: 60 one-word queries sampled from the corpus's own words
 * (jieba's, two to four characters, seen in at least 3 records, evenly over their frequency
 * ranks), scored by the share of the first 10 hits whose title or text holds the word; and 20
 * words of jieba's dictionary that are in no record, scored by how many find nothing.
 */
async function precisionChecks(search: RecordSearch, texts: string[]): Promise<void> {
  const counts = new Map<string, number>();
  for (const text of texts)
    for (const word of new Set(segmentQuery(text)))
      if (/^\p{Script=Han}{2,4}$/u.test(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
  const frequent = [...counts]
    .filter(([, n]) => n >= 3)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([word]) => word);
  const sampled = Array.from({ length: 60 }, (_, i) => frequent[Math.floor((i * frequent.length) / 60)]!);
  let containing = 0;
  let shown = 0;
  for (const word of sampled) {
    const hits = (await search.searchWhole({ q: word, limit: 10 })).hits;
    shown += hits.length;
    containing += hits.filter((hit) => hitText(hit as { title?: string; text: string }).includes(word)).length;
  }
  const corpusText = texts.join('\n');
  const dictionary = readFileSync(
    join(
      dirname(createRequire(import.meta.url).resolve('nodejieba/package.json')),
      'submodules',
      'cppjieba',
      'dict',
      'jieba.dict.utf8',
    ),
    'utf8',
  )
    .split('\n')
    .map((line) => line.split(' ')[0]!)
    .filter((word) => /^\p{Script=Han}{3,4}$/u.test(word) && !corpusText.includes(word));
  const absent = Array.from({ length: 20 }, (_, i) => dictionary[Math.floor(((i + 0.5) * dictionary.length) / 20)]!);
  let none = 0;
  for (const word of absent) if ((await search.searchWhole({ q: word, limit: 10 })).total === 0) none++;
  console.log(
    `  one-word queries sampled from the corpus: ${containing} of ${shown} first-10 hits hold the word (${((100 * containing) / Math.max(1, shown)).toFixed(1)} %, target ≥ 90 %)`,
  );
  console.log(
    `  words of jieba's dictionary in no record: ${none} of ${absent.length} find nothing (target ≥ 9 of 10): ${absent.join(' ')}`,
  );
}

/** One kind of request the latency bench times: its label and the API query strings of each request. */
interface Workload {
  label: string;
  requests: Array<Record<string, string>>;
}

function workloads(cases: RelevanceCase[]): Workload[] {
  const departments = ['住建', '公安', '农业农村', '教育体育', '财政', '自然资源'];
  const paramsOf = (c: RelevanceCase) =>
    Object.fromEntries(Object.entries(c.params ?? {}).map(([key, value]) => [key, String(value)]));
  return [
    {
      label: 'searches (relevance suite, 10 hits)',
      requests: cases.map((c) => ({ q: c.q, ...paramsOf(c), limit: '10' })),
    },
    {
      label: 'facet-only (no query, counts only)',
      requests: ['', ...departments].map((department) => ({ limit: '0', ...(department ? { department } : {}) })),
    },
    {
      label: 'filter-only (no query, 10 hits)',
      requests: [
        ...departments.map((department) => ({ department, limit: '10' })),
        { kind: 'personnel', limit: '10' },
        { from: '2023-01-01', to: '2023-06-30', limit: '10' },
        { kind: 'notice', sort: 'date:desc', limit: '10' },
      ],
    },
  ];
}

/**
 * Latency and response size at the corpus repeated `times` times, through the HTTP API and
 * straight against Meilisearch with the very requests the API sent (recorded once per
 * search, then replayed over plain HTTP), alternating the two, for searches, facet-only and
 * filter-only requests.
 */
async function latency(
  cases: RelevanceCase[],
  times: number,
  archive: Archive,
  admin: Meilisearch,
  url: string,
): Promise<void> {
  const names = indexNames('bench-latency');
  const issues = shiftedIssues(times * corpusIssues().length);
  const start = performance.now();
  // A kept index gets this build's settings (ranking rules and the like), as an ingest would give it.
  await ensureIndexes(admin, names);
  const indexed = (await admin.index(names.records).getStats()).numberOfDocuments;
  if (indexed === 0) await ingest(issues, archive, admin, names);
  const stats = await admin.index(names.records).getStats();
  const how =
    indexed === 0 ? `ingested in ${((performance.now() - start) / 1000).toFixed(0)} s` : 'kept from an earlier run';
  console.log(
    `\nsearch: latency at the corpus ×${times} (${issues.length} issues, ${stats.numberOfDocuments} records, ${how})`,
  );
  const key = await searchOnlyKey(admin, names);
  const searchClient = meiliClient(url, key);
  const recorded: MeiliRequest[] = [];
  const recording = new RecordSearch(recordingClient(searchClient, recorded), names);
  const app = await buildApp({ search: new RecordSearch(searchClient, names), healthy: async () => true });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
  try {
    for (const workload of workloads(cases)) {
      const api: number[] = [];
      const straight: number[] = [];
      const apiBytes: number[] = [];
      const straightBytes: number[] = [];
      // One search at a time, so that each one's requests are its own.
      const replays: MeiliRequest[][] = [];
      for (const query of workload.requests) {
        recorded.length = 0;
        await recording.search(searchParameters(query));
        replays.push([...recorded]);
      }
      const sent = replays.reduce((sum, requests) => sum + requests.length, 0);
      for (let round = 0; round < rounds; round++) {
        for (const [i, query] of workload.requests.entries()) {
          let t = performance.now();
          const response = await fetch(`${base}/api/search?${new URLSearchParams(query)}`);
          const body = await response.text();
          if (!response.ok)
            throw new Error(`/api/search?${new URLSearchParams(query)}: ${response.status} ${body.slice(0, 200)}`);
          api.push(performance.now() - t);
          apiBytes.push(Buffer.byteLength(body));
          t = performance.now();
          straightBytes.push(await sendStraight(url, key, replays[i]!));
          straight.push(performance.now() - t);
        }
      }
      const ms = (values: number[]) =>
        `p50 ${percentile(values, 50).toFixed(1)} ms  p99 ${percentile(values, 99).toFixed(1)} ms`;
      const kb = (values: number[]) =>
        `median ${(percentile(values, 50) / 1024).toFixed(1)} KB, max ${(Math.max(...values) / 1024).toFixed(1)} KB`;
      console.log(
        `  ${workload.label}: ${workload.requests.length} requests × ${rounds} rounds, ${(sent / workload.requests.length).toFixed(2)} Meilisearch requests per search`,
      );
      console.log(`    through the API        ${ms(api)}   response ${kb(apiBytes)}`);
      console.log(`    straight, same requests ${ms(straight)}   response ${kb(straightBytes)}`);
      console.log(
        `    API overhead ${(percentile(api, 50) / percentile(straight, 50)).toFixed(2)}× at p50, ${(percentile(api, 99) / percentile(straight, 99)).toFixed(2)}× at p99 (targets: API p50 ≤ 10 ms, p99 ≤ 50 ms, overhead ≤ 1.3×, 10 hits ≤ 40 KB)`,
      );
    }
  } finally {
    await app.close();
  }
}

/** API query strings as the search takes them (the API validates and converts the same way). */
function searchParameters(query: Record<string, string>): SearchParameters {
  const { limit, offset, distinct, ...rest } = query;
  return {
    ...rest,
    ...(limit ? { limit: Number(limit) } : {}),
    ...(offset ? { offset: Number(offset) } : {}),
    ...(distinct ? { distinct: distinct === 'true' } : {}),
  } as SearchParameters;
}
