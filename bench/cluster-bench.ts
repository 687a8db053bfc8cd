import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Meilisearch } from 'meilisearch';
import {
  IndexCluster,
  type IndexNames,
  RecordSearch,
  type SearchParameters,
  clusterSpec,
  indexNames,
  meiliClient,
  searchOnlyKey,
} from '../index/index.js';
import { Archive } from '../ingest/archive.js';
import { processIssue } from '../ingest/processor.js';
import { LocalMeili } from './local-meili.js';
import { relevanceCases } from './relevance.js';
import { corpusIssues } from './repeat-corpus.js';
import { shiftedIssues } from './shifted-issues.js';

const MASTER_KEY = 'gazette-cluster-bench-master-key';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function ingest(
  issues: Array<{ name: string; bytes: Buffer }>,
  client: Meilisearch,
  names: IndexNames,
  archive: Archive,
): Promise<void> {
  for (const issue of issues)
    await processIssue(
      { sha256: archive.store(issue.bytes, issue.name), file: issue.name },
      { archive, client, names },
    );
}

/** Search latencies (ms) of the relevance suite's queries, `rounds` times over, one at a time. */
async function timeSearches(search: RecordSearch, queries: SearchParameters[], rounds: number): Promise<number[]> {
  const times: number[] = [];
  for (const params of queries) await search.search(params); // warm-up
  for (let round = 0; round < rounds; round++) {
    for (const params of queries) {
      const start = performance.now();
      await search.search(params);
      times.push(performance.now() - start);
    }
  }
  return times;
}

/**
 * Search latency of one Meilisearch server against three replicas and three shards holding the
 * same records (the corpus, or `BENCH_CLUSTER_ISSUES` distinct issues made from it), through
 * our search (query analysis, filters, facets, highlights) with the API's search-only key: the
 * relevance suite's queries, 5 rounds, one at a time; then the replicas again with one killed.
 * All four servers run on this machine, so the figures show what replication and remote
 * federated search cost per query, not what more machines would add.
 */
export async function clusterBench(): Promise<void> {
  const count = Number(process.env.BENCH_CLUSTER_ISSUES ?? 0);
  const issues =
    count > 0 ? shiftedIssues(count) : corpusIssues().map((bytes, i) => ({ name: `corpus-${i}.txt`, bytes }));
  const servers = await Promise.all([0, 1, 2, 3].map(() => LocalMeili.start(MASTER_KEY, 600)));
  const dataDir = mkdtempSync(join(tmpdir(), 'gazette-bench-cluster-data-'));
  const archive = new Archive(join(dataDir, 'archive'));
  try {
    const [single, ...nodes] = servers as [LocalMeili, ...LocalMeili[]];
    const list = nodes.map((n, i) => `ms-${i}=${n.url}`).join(',');
    const names = indexNames('bench-cluster');
    const replicas = new IndexCluster(clusterSpec({ MEILI_REPLICAS: list, MEILI_MASTER_KEY: MASTER_KEY })!);
    const shards = new IndexCluster(clusterSpec({ MEILI_SHARDS: list, MEILI_MASTER_KEY: MASTER_KEY })!);
    await shards.configureNetwork();
    const shardNames = indexNames('bench-cluster-shards');
    const admin = meiliClient(single.url, MASTER_KEY);
    const start = performance.now();
    await ingest(issues, admin, names, archive);
    const singleSeconds = (performance.now() - start) / 1000;
    let at = performance.now();
    await ingest(issues, replicas.client, names, archive);
    const replicaSeconds = (performance.now() - at) / 1000;
    at = performance.now();
    await ingest(issues, shards.client, shardNames, archive);
    const shardSeconds = (performance.now() - at) / 1000;
    const records = (await admin.index(names.records).getStats()).numberOfDocuments;
    const perShard = await Promise.all(
      shards.nodes.map(async (n) => (await n.client.index(shardNames.records).getStats()).numberOfDocuments),
    );

    const queries = relevanceCases().map((c) => ({ q: c.q, ...c.params, limit: 20 }));
    const rounds = 5;
    const one = new RecordSearch(meiliClient(single.url, await searchOnlyKey(admin, names)), names);
    await replicas.ensureIndexes(names);
    const replicated = new RecordSearch(replicas.readClient(await replicas.searchKey(names)), names);
    const sharded = new RecordSearch(shards.readClient(await shards.searchKey(shardNames)), shardNames, {
      remotes: shards.remotes!,
    });
    const figures: Array<[string, number[]]> = [
      ['one server', await timeSearches(one, queries, rounds)],
      ['3 replicas', await timeSearches(replicated, queries, rounds)],
      ['3 shards (remote federated search)', await timeSearches(sharded, queries, rounds)],
    ];
    await nodes[1]!.kill();
    figures.push(['3 replicas, one killed', await timeSearches(replicated, queries, rounds)]);

    console.log(
      `\ncluster: ${issues.length} issues, ${records} records (shards hold ${perShard.join(' + ')}); ingest ${singleSeconds.toFixed(1)} s into one server, ${replicaSeconds.toFixed(1)} s into 3 replicas, ${shardSeconds.toFixed(1)} s into 3 shards`,
    );
    console.log(
      `  search latency, the relevance suite's ${queries.length} queries × ${rounds}, one at a time, all servers on this machine:`,
    );
    for (const [label, times] of figures) {
      console.log(
        `  ${label.padEnd(36)} median ${percentile(times, 50).toFixed(1)} ms  p95 ${percentile(times, 95).toFixed(1)} ms  p99 ${percentile(times, 99).toFixed(1)} ms  (${times.length} searches)`,
      );
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
