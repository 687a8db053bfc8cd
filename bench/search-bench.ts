import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Meilisearch } from 'meilisearch';
import { buildApp } from '../api/app.js';
import { EmbeddedMeili, type IndexNames, meiliClient, RecordSearch, SEARCH_FACETS, buildFilter, indexNames, searchOnlyKey } from '../index/index.js';
import { Archive } from '../ingest/archive.js';
import { processIssue } from '../ingest/processor.js';
import { parseGazette } from '../parsers/index.js';
import { relevanceCases, scoreCase, summarize } from './relevance.js';
import { corpusIssues } from './repeat-corpus.js';
import { shiftedIssues } from './shifted-issues.js';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function ingest(issues: Array<{ name: string; bytes: Buffer }>, archive: Archive, client: Meilisearch, names: IndexNames): Promise<void> {
  for (const issue of issues) await processIssue({ sha256: archive.store(issue.bytes, issue.name), file: issue.name }, { archive, client, names });
}

/**
 * The search benchmarks: recall@10 of the relevance suite against our search and against a
 * plain Meilisearch index of the same records with default settings; and latency p50/p99
 * through the HTTP API and straight against Meilisearch, at the corpus repeated to 50 issues.
 */
export async function searchBench(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gazette-bench-search-'));
  const meili = await EmbeddedMeili.open(dataDir);
  const admin = meiliClient(meili.url, meili.masterKey);
  const archive = new Archive(join(dataDir, 'archive'));
  try {
    const cases = relevanceCases();
    const corpus = corpusIssues().map((bytes, i) => ({ name: `corpus-${i}.txt`, bytes }));
    const names = indexNames('bench-relevance');
    await ingest(corpus, archive, admin, names);
    const plain = 'bench-plain';
    await admin.deleteIndex(plain).waitTask();
    await admin.createIndex(plain, { primaryKey: 'id' }).waitTask();
    for (const issue of corpus) await admin.index(plain).addDocuments(parseGazette(issue.bytes, { file: issue.name }).records).waitTask({ timeout: 600_000 });

    const ours = new RecordSearch(admin, names);
    const ourScores: number[] = [];
    const plainScores: number[] = [];
    const misses: string[] = [];
    for (const c of cases) {
      const result = await ours.search({ q: c.q, ...c.params, limit: 10 });
      const score = scoreCase(c, result.total, result.hits.map((h) => h.text));
      ourScores.push(score);
      if (score < 1) misses.push(`${c.id} (${score.toFixed(2)}): ${c.q || JSON.stringify(c.params)}`);
      const baseline = await admin.index(plain).search(c.q, { limit: 10 });
      plainScores.push(scoreCase(c, baseline.estimatedTotalHits ?? baseline.hits.length, baseline.hits.map((h) => String(h.text))));
    }
    const a = summarize(cases, ourScores);
    const b = summarize(cases, plainScores);
    console.log(`\nsearch: relevance suite, ${cases.length} queries, recall@10 (ours vs plain Meilisearch with default settings)`);
    for (const [category, entry] of a.byCategory) {
      console.log(`  ${category.padEnd(14)} n=${String(entry.n).padStart(2)}  ours ${entry.recall.toFixed(2)}  plain ${b.byCategory.get(category)!.recall.toFixed(2)}`);
    }
    console.log(`  ${'overall'.padEnd(14)} n=${String(cases.length).padStart(2)}  ours ${a.overall.toFixed(3)}  plain ${b.overall.toFixed(3)}`);
    if (misses.length) console.log(`  below 1: ${misses.join('; ')}`);

    const latencyIssues = Number(process.env.BENCH_LATENCY_ISSUES ?? 50);
    if (latencyIssues > 0) await latency(cases, latencyIssues, archive, admin, meili.url);
  } finally {
    await meili.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function latency(cases: ReturnType<typeof relevanceCases>, count: number, archive: Archive, admin: Meilisearch, url: string): Promise<void> {
  const names = indexNames('bench-latency');
  const issues = shiftedIssues(count);
  let start = performance.now();
  await ingest(issues, archive, admin, names);
  const stats = await admin.index(names.records).getStats();
  console.log(`\nsearch: latency at the corpus repeated to ${count} issues (${stats.numberOfDocuments} records, ingested in ${((performance.now() - start) / 1000).toFixed(0)} s)`);
  const searchClient = meiliClient(url, await searchOnlyKey(admin, names));
  const app = await buildApp({ search: new RecordSearch(searchClient, names), healthy: async () => true });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const api: number[] = [];
    const straight: number[] = [];
    const facetApi: number[] = [];
    const facetStraight: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (const c of cases) {
        const params = new URLSearchParams({ q: c.q, limit: '20' });
        for (const [key, value] of Object.entries(c.params ?? {})) params.set(key, String(value));
        start = performance.now();
        const response = await fetch(`${base}/api/search?${params}`);
        await response.json();
        api.push(performance.now() - start);
        start = performance.now();
        await searchClient.index(names.records).search(c.q, { filter: buildFilter(c.params ?? {}), facets: [...SEARCH_FACETS], limit: 20, attributesToHighlight: ['text', 'title', 'heading'] });
        straight.push(performance.now() - start);
      }
      for (const department of ['住建', '公安', '农业农村', '教育体育', '']) {
        start = performance.now();
        await (await fetch(`${base}/api/search?limit=0${department ? `&department=${encodeURIComponent(department)}` : ''}`)).json();
        facetApi.push(performance.now() - start);
        start = performance.now();
        await searchClient.index(names.records).search('', { filter: department ? buildFilter({ department }) : [], facets: [...SEARCH_FACETS], limit: 0 });
        facetStraight.push(performance.now() - start);
      }
    }
    const line = (label: string, values: number[]) => `  ${label.padEnd(34)} p50 ${percentile(values, 50).toFixed(1)} ms  p99 ${percentile(values, 99).toFixed(1)} ms`;
    console.log(line(`through the API (${api.length} searches)`, api));
    console.log(line('straight against Meilisearch', straight));
    console.log(`  API overhead: ${(percentile(api, 50) / percentile(straight, 50)).toFixed(2)}× at p50, ${(percentile(api, 99) / percentile(straight, 99)).toFixed(2)}× at p99 (target ≤ 1.3×; p99 target ≤ 50 ms)`);
    console.log(line('facet counts through the API', facetApi));
    console.log(line('facet counts straight', facetStraight));
  } finally {
    await app.close();
  }
}
