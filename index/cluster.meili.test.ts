import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relevanceCases } from '../bench/relevance.js';
import { processIssue } from '../ingest/processor.js';
import {
  CORPUS_FILES,
  corpusBytes,
  dropIndexes,
  firstCorpusNotice,
  indexedHashes,
  isolated,
  shortNotice,
} from '../tests/helpers/ingest-setup.js';
import { TestMeili } from '../tests/helpers/test-meili.js';
import { startServer } from '../api/server.js';
import { IndexCluster, clusterSpec } from './cluster.js';
import { connectSearch } from './connect.js';
import type { IssueDocument } from './documents.js';
import { type ListHit, RecordSearch, type SearchResult } from './record-search.js';
import { searchOnlyKey } from './search-key.js';
import { meiliClient } from './meili-client.js';
import type { SearchParameters } from './search-parameters.js';

/*
 * Three real Meilisearch servers as replicas and as shards (index/cluster.ts), against one
 * server holding the same corpus: the same records, the same hits in the same order and the
 * same facet counts for every query of the relevance suite; a replica killed while searches run
 * costs none of them; a shard down fails a search instead of leaving its hits out.
 */
const MASTER_KEY = 'cluster-test-master-key-0123456789';
let single: TestMeili;
let nodes: TestMeili[];
const one = isolated('cluster-one');
const rep = isolated('cluster-rep');
const sha = isolated('cluster-sha');
let replicas: IndexCluster;
let shards: IndexCluster;

async function ingest(
  client: Parameters<typeof processIssue>[1]['client'],
  setup: ReturnType<typeof isolated>,
): Promise<void> {
  const context = { archive: setup.archive, client, names: setup.names };
  for (const file of CORPUS_FILES)
    await processIssue({ sha256: setup.archive.store(corpusBytes(file), file), file }, context);
}

beforeAll(async () => {
  const started = await Promise.all([0, 1, 2, 3].map(() => TestMeili.start(MASTER_KEY)));
  single = started[0]!;
  nodes = started.slice(1);
  const list = nodes.map((n, i) => `ms-${i}=${n.url}`).join(',');
  replicas = new IndexCluster(clusterSpec({ MEILI_REPLICAS: list, MEILI_MASTER_KEY: MASTER_KEY })!, 2_000);
  // Through connectSearch, as the commands do: it configures the shards' network.
  const connection = await connectSearch({
    dataDir: sha.dataDir,
    env: { MEILI_SHARDS: list, MEILI_MASTER_KEY: MASTER_KEY },
  });
  shards = connection.cluster!;
  await Promise.all([ingest(single.client, one), ingest(replicas.client, rep), ingest(shards.client, sha)]);
}, 240_000);

afterAll(async () => {
  await dropIndexes(single.client, one.names);
  await Promise.all([single, ...nodes].map((n) => n.stop()));
});

/**
 * What a search answers that must not depend on the deployment: the total, the facet counts, and
 * the hits in order, where hits of equal rank (the same ranking score, and date when sorted by
 * date) come in no defined order (Meilisearch breaks such ties by its internal document ids, which
 * differ between deployments): so ranks are compared hit by hit, and the ids within each run of
 * equal rank as sets, except runs cut by the page's start or end, which may hold any of the tied hits.
 */
function answer(result: SearchResult<ListHit>, sorted: boolean): unknown {
  const rank = (hit: ListHit) =>
    `${sorted ? (hit as { date?: string | null }).date : ''}|${((hit as { rankingScore?: number }).rankingScore ?? 0).toFixed(9)}`;
  const runs: Array<{ rank: string; ids: string[] }> = [];
  for (const hit of result.hits) {
    const r = rank(hit);
    if (runs.at(-1)?.rank === r) runs.at(-1)!.ids.push(hit.id);
    else runs.push({ rank: r, ids: [hit.id] });
  }
  const sortedFacets = Object.fromEntries(
    Object.entries(result.facets)
      .sort()
      .map(([f, counts]) => [f, Object.fromEntries(Object.entries(counts).sort())]),
  );
  return {
    total: result.total,
    facets: sortedFacets,
    ranks: result.hits.map(rank),
    runs: runs.map((run, i) => (i === 0 || i === runs.length - 1 ? run.ids.length : [...run.ids].sort())),
  };
}

/** The relevance suite's searches, plus sorted, distinct and paged variants. */
function searches(): SearchParameters[] {
  const cases = relevanceCases().map((c) => ({ q: c.q, ...c.params, limit: 10 }));
  return [
    ...cases,
    { q: '', sort: 'date:desc', limit: 20 },
    { q: '通知', sort: 'date:asc', limit: 20, offset: 5 },
    { q: '农业', distinct: true, limit: 20 },
    { q: '', kind: 'event', limit: 50, offset: 10 },
  ];
}

describe('three Meilisearch servers', () => {
  it('should hold every record on every replica, and each record and issue on exactly one shard', async () => {
    const expected = await indexedHashes(single.client, one.names.records);
    expect(expected.size).toBeGreaterThan(1000);
    for (const node of replicas.nodes) expect(await indexedHashes(node.client, rep.names.records)).toEqual(expected);
    const perShard = await Promise.all(shards.nodes.map((n) => indexedHashes(n.client, sha.names.records)));
    expect(perShard.filter((m) => m.size > 0).length, 'more than one shard is used').toBeGreaterThan(1);
    expect(
      perShard.reduce((sum, m) => sum + m.size, 0),
      'no record on two shards',
    ).toBe(expected.size);
    expect(new Map(perShard.flatMap((m) => [...m]))).toEqual(expected);
    const issues = await Promise.all(
      shards.nodes.map((n) =>
        n.client
          .index<IssueDocument>(sha.names.issues)
          .getDocuments({ limit: 100 })
          .then((p) => p.results),
      ),
    );
    const ids = issues
      .flat()
      .map((i) => i.id)
      .sort();
    expect(ids).toEqual([...new Set(ids)]);
    expect(ids.length).toBe(CORPUS_FILES.length);
    // Each on the shard its id hashes to (none was re-identified here).
    for (const [i, onShard] of issues.entries()) for (const issue of onShard) expect(shards.shardOf(issue.id)).toBe(i);
  });

  it('should answer the relevance suite as one server does: the same hits ranked alike (ties in any order), the same facet counts', async () => {
    const base = new RecordSearch(meiliClient(single.url, await searchOnlyKey(single.client, one.names)), one.names, {
      rankingScores: true,
    });
    await replicas.ensureIndexes(rep.names);
    const replicated = new RecordSearch(replicas.readClient(await replicas.searchKey(rep.names)), rep.names, {
      rankingScores: true,
    });
    const sharded = new RecordSearch(shards.readClient(await shards.searchKey(sha.names)), sha.names, {
      remotes: shards.remotes!,
      rankingScores: true,
    });
    const differences: string[] = [];
    for (const params of searches()) {
      const sorted = !!params.sort && params.sort !== 'relevance';
      const expected = answer(await base.search(params), sorted);
      for (const [label, search] of [
        ['replicas', replicated],
        ['shards', sharded],
      ] as const) {
        const actual = answer(await search.search(params), sorted);
        if (JSON.stringify(actual) !== JSON.stringify(expected)) {
          differences.push(`${label}: ${JSON.stringify(params)}`);
          if (process.env.CLUSTER_DEBUG) {
            const e = expected as Record<string, unknown>,
              a = actual as Record<string, unknown>;
            for (const k of Object.keys(e))
              if (JSON.stringify(e[k]) !== JSON.stringify(a[k]))
                console.log(
                  label,
                  params.q,
                  k,
                  JSON.stringify(e[k]).slice(0, 600),
                  '\n   vs',
                  JSON.stringify(a[k]).slice(0, 600),
                );
          }
        }
      }
    }
    expect(differences).toEqual([]);
  }, 120_000);

  it('should answer the lookups (keyset paging) as one server does', async () => {
    const base = new RecordSearch(single.client, one.names);
    const sharded = new RecordSearch(shards.client, sha.names, { remotes: shards.remotes! });
    const everyEvent = ['kind = "event"'];
    const ids = async (search: RecordSearch) => (await search.all(everyEvent)).map((h) => h.id);
    expect(await ids(sharded)).toEqual(await ids(base));
    const every = async (search: RecordSearch) => {
      const found: string[] = [];
      for await (const hit of search.every({ q: '农业' })) found.push(hit.id);
      return found;
    };
    expect(await every(sharded)).toEqual(await every(base));
  }, 60_000);

  it('should lose no search when a replica is killed while searches run', async () => {
    const search = new RecordSearch(replicas.readClient(await replicas.searchKey(rep.names)), rep.names);
    const cases = searches();
    let failed = 0;
    let done = 0;
    const victim = nodes[1]!;
    const run = async () => {
      for (let i = 0; i < 60; i++) {
        try {
          const result = await search.search(cases[i % cases.length]!);
          expect(result.facets).toBeDefined();
          done++;
        } catch {
          failed++;
        }
      }
    };
    let killedAfter = -1;
    const killer = (async () => {
      while (done < 20) await new Promise((resolve) => setTimeout(resolve, 5));
      await victim.kill();
      killedAfter = done;
    })();
    await Promise.all([run(), run(), killer]);
    expect({ done, failed }).toEqual({ done: 120, failed: 0 });
    expect(killedAfter).toBeGreaterThanOrEqual(20);
    expect(killedAfter, 'killed mid-run').toBeLessThan(100);
    await victim.restart();
  }, 120_000);

  it('should serve the API from the shards and from the replicas as from one server', async () => {
    const base = new RecordSearch(single.client, one.names);
    const expected = await base.search({ q: '农业', limit: 5 });
    const list = nodes.map((n, i) => `ms-${i}=${n.url}`).join(',');
    for (const [variable, setup] of [
      ['MEILI_SHARDS', sha],
      ['MEILI_REPLICAS', rep],
    ] as const) {
      const server = await startServer({
        dataDir: setup.dataDir,
        names: setup.names,
        port: 0,
        host: '127.0.0.1',
        env: { [variable]: list, MEILI_MASTER_KEY: MASTER_KEY },
      });
      try {
        const body = (await (
          await fetch(`${server.url}/api/search?q=${encodeURIComponent('农业')}&limit=5`)
        ).json()) as SearchResult;
        expect({ total: body.total, kinds: body.facets.kind }, variable).toEqual({
          total: expected.total,
          kinds: expected.facets.kind,
        });
        const notice =
          expected.hits.find((h) => h.kind === 'notice') ??
          (await base.search({ q: '', kind: 'notice', limit: 1 })).hits[0]!;
        const view = (await (await fetch(`${server.url}/api/notices/${encodeURIComponent(notice.id)}`)).json()) as {
          notice: { id: string };
          clauses: unknown[];
        };
        expect(view.notice.id).toBe(notice.id);
        expect(view.clauses.length).toBe(
          (await base.all([`noticeId = ${JSON.stringify(notice.id)}`, 'kind = "clause"'])).length,
        );
        expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      } finally {
        await server.close();
      }
    }
  }, 60_000);

  it('should put an issue that reprints a notice of another on the shard holding it, the notice kept once', async () => {
    const firstNotice = firstCorpusNotice();
    // The shard holding 000's first notice.
    const home = (
      await Promise.all(
        shards.nodes.map((n) =>
          n.client
            .index(sha.names.records)
            .getDocuments({ filter: `kind = "notice"`, limit: 1000, fields: ['id', 'text'] }),
        ),
      )
    ).findIndex((page) => page.results.some((d) => String(d.text).startsWith(firstNotice.trim().split('\n')[0]!)));
    expect(home).toBeGreaterThanOrEqual(0);
    const other = Buffer.from(
      `${shortNotice('关于做好夏季防汛工作的通知', '海政办发〔2022〕71号')}${shortNotice('关于开展消防安全检查的通知', '海政办发〔2022〕72号')}\n${firstNotice}\n`,
    );
    const result = await processIssue(
      { sha256: sha.archive.store(other, 'other-issue.txt'), file: 'other-issue.txt' },
      { archive: sha.archive, client: shards.client, names: sha.names },
    );
    expect(result.relation).toBe('ambiguous');
    const issueHome = (
      await Promise.all(shards.nodes.map((n) => n.client.index(sha.names.issues).getDocuments({ limit: 100 })))
    ).findIndex((page) => page.results.some((i) => i.id === result.issue));
    expect(issueHome).toBe(home);
    // Placement by hash alone would have split them.
    expect(shards.shardOf(result.issue)).not.toBe(home);
    const sharded = new RecordSearch(shards.client, sha.names, { remotes: shards.remotes! });
    const notices = await sharded.all(['kind = "notice"']);
    expect(new Set(notices.map((n) => n.id)).size).toBe(notices.length);
    expect(notices.length).toBe((await new RecordSearch(single.client, one.names).all(['kind = "notice"'])).length + 2);
  }, 60_000);

  it('should fail an ingest while a replica is down, and bring it level on the retry', async () => {
    const late = isolated('cluster-late');
    const file = CORPUS_FILES[4]!;
    const job = { sha256: late.archive.store(corpusBytes(file), file), file };
    const context = { archive: late.archive, client: replicas.client, names: late.names };
    await nodes[0]!.kill();
    try {
      await expect(processIssue(job, context)).rejects.toThrow();
    } finally {
      await nodes[0]!.restart();
    }
    const retried = await processIssue(job, context);
    expect(retried.status).toBe('indexed');
    const [first, ...others] = await Promise.all(
      replicas.nodes.map((n) => indexedHashes(n.client, late.names.records)),
    );
    expect(first!.size).toBe(retried.records);
    for (const other of others) expect(other).toEqual(first);
    for (const node of replicas.nodes) await dropIndexes(node.client, late.names);
  }, 90_000);

  it('should fail a search rather than leave out the hits of a shard that is down', async () => {
    const sharded = new RecordSearch(shards.readClient(await shards.searchKey(sha.names)), sha.names, {
      remotes: shards.remotes!,
    });
    await expect(sharded.search({ q: '农业' })).resolves.toBeDefined();
    await nodes[2]!.kill();
    try {
      await expect(sharded.search({ q: '农业' })).rejects.toThrow(/ms-2/);
    } finally {
      await nodes[2]!.restart();
    }
  }, 60_000);
});
