import type { FastifyInstance } from 'fastify';
import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  RecordSearch,
  type SearchDocument,
  ensureIndexes,
  searchKeyName,
  searchOnlyKey,
  waitForWrite,
} from '../index/index.js';
import { enrichRecords } from '../ingest/enrich.js';
import { parseGazette } from '../parsers/index.js';
import { CORPUS_FILES, corpusBytes, dropIndexes, isolated } from '../tests/helpers/ingest-setup.js';
import { TestMeili } from '../tests/helpers/test-meili.js';
import { buildApp } from './app.js';

/*
 * More records than `pagination.maxTotalHits`: the cap is lowered to 50 in this test's index
 * instead of indexing 10 000 records. An offset stops at the cap; exports and totals must not.
 */
const CAP = 50;
const QUERY = '管理';

let meili: TestMeili;
let app: FastifyInstance;
let key: string;
let documents: SearchDocument[];
/** Ids of the records that match QUERY, found before the cap was lowered. */
let queryIds: Set<string>;
const setup = isolated('export');

beforeAll(async () => {
  meili = await TestMeili.start();
  const byId = new Map<string, SearchDocument>();
  for (const file of CORPUS_FILES.slice(0, 3)) {
    const { records } = parseGazette(corpusBytes(file), { file });
    for (const document of await enrichRecords(records)) byId.set(document.id, document);
  }
  documents = [...byId.values()];
  await ensureIndexes(meili.client, setup.names);
  await waitForWrite(setup.names.records, meili.client.index(setup.names.records).addDocuments(documents), 120_000);
  const truth = await meili.client
    .index(setup.names.records)
    .search(QUERY, { limit: 10_000, attributesToRetrieve: ['id'] });
  queryIds = new Set(truth.hits.map((hit) => hit.id as string));
  await waitForWrite(
    setup.names.records,
    meili.client.index(setup.names.records).updateSettings({ pagination: { maxTotalHits: CAP } }),
  );
  key = await searchOnlyKey(meili.client, setup.names);
  app = await buildApp({
    search: new RecordSearch(new Meilisearch({ host: meili.url, apiKey: key }), setup.names),
    healthy: async () => true,
    baseUrl: () => 'https://gazette.example.gov.cn/g',
  });
}, 180_000);
afterAll(async () => {
  await app?.close();
  await dropIndexes(meili.client, setup.names);
  await meili.stop();
});

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await app.inject({ method: 'GET', url, headers });
  return { status: response.statusCode, body: response.body, headers: response.headers };
}

function jsonLines(body: string): Array<SearchDocument & { highlight?: unknown }> {
  return body
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

describe('exports beyond maxTotalHits', () => {
  it('should hold more records than the cap, and more query matches (the test means something)', async () => {
    expect(documents.length).toBeGreaterThan(CAP * 10);
    expect(queryIds.size).toBeGreaterThan(CAP * 2);
    const capped = await new Meilisearch({ host: meili.url, apiKey: key })
      .index(setup.names.records)
      .search('', { limit: 1000, offset: 0 });
    expect(capped.hits).toHaveLength(CAP);
    expect(capped.estimatedTotalHits).toBe(CAP);
  });

  it('should export every record, once each, dated ones in date order, when there is no query', async () => {
    const { status, body } = await get('/api/export?format=jsonl');
    expect(status).toBe(200);
    const lines = jsonLines(body);
    expect(lines).toHaveLength(documents.length);
    expect(new Set(lines.map((r) => r.id))).toEqual(new Set(documents.map((d) => d.id)));
    expect(lines[0]).not.toHaveProperty('tokens');
    expect(lines[0]).not.toHaveProperty('highlight');
    const dateOf = new Map(documents.map((d) => [d.id, d.dateValue]));
    const dates = lines.map((r) => dateOf.get(r.id) ?? null);
    const dated = dates.filter((d): d is number => d !== null);
    expect(dates.slice(0, dated.length)).toEqual(dated);
    expect(dated).toEqual([...dated].sort((a, b) => a - b));
  });

  it('should export every match of a query, however far past the cap', async () => {
    const lines = jsonLines((await get(`/api/export?q=${encodeURIComponent(QUERY)}`)).body);
    expect(lines.length).toBe(queryIds.size);
    expect(new Set(lines.map((r) => r.id))).toEqual(queryIds);
  });

  it('should export every match of a filter and a query together, as CSV with a byte-order mark', async () => {
    const expected = documents.filter((d) => d.kind === 'clause' && queryIds.has(d.id));
    expect(expected.length).toBeGreaterThan(CAP);
    const { body, headers } = await get(`/api/export?q=${encodeURIComponent(QUERY)}&kind=clause&format=csv`);
    expect(headers['content-type']).toContain('text/csv');
    expect(body.startsWith('\uFEFFid,kind,docNumber,')).toBe(true);
    const ids = body
      .split('\r\n')
      .slice(1)
      .filter((row) => /^c-/.test(row))
      .map((row) => row.split(',')[0]);
    expect(new Set(ids)).toEqual(new Set(expected.map((d) => d.id)));
  });

  it('should count totals exactly past the cap, and say they are exact', async () => {
    const all = JSON.parse((await get('/api/search?limit=0')).body);
    expect(all).toMatchObject({ total: documents.length, totalExact: true });
    const query = JSON.parse((await get(`/api/search?q=${encodeURIComponent(QUERY)}&limit=5`)).body);
    expect(query).toMatchObject({ total: queryIds.size, totalExact: true });
    expect(query.hits).toHaveLength(5);
  });

  it('should mark the total of a one-hit-per-notice search as an estimate', async () => {
    // Meilisearch caps distinct counts at maxTotalHits, facet counts included.
    const distinct = JSON.parse((await get(`/api/search?q=${encodeURIComponent(QUERY)}&distinct=true&limit=0`)).body);
    expect(distinct).toMatchObject({ total: CAP, totalExact: false });
  });
});

describe('the feed', () => {
  it('should build its ids and links from the configured base URL, never from the Host header', async () => {
    const { status, body } = await get(`/api/feed.atom?department=${encodeURIComponent('公安')}`, {
      host: 'evil.example',
    });
    expect(status).toBe(200);
    expect(body).not.toContain('evil.example');
    expect(body).toContain(
      `<id>https://gazette.example.gov.cn/g/api/feed.atom?department=${encodeURIComponent('公安')}</id>`,
    );
    expect(body).toMatch(/<link href="https:\/\/gazette\.example\.gov\.cn\/g\/\?notice=n-[0-9a-f]+"\/>/);
  });
});

describe('the search key', () => {
  it('should cover only the records index, and search nothing else', async () => {
    const own = (await meili.client.getKeys({ limit: 1000 })).results.find((k) => k.key === key)!;
    expect(own).toMatchObject({ actions: ['search'], indexes: [setup.names.records], expiresAt: null });
    const client = new Meilisearch({ host: meili.url, apiKey: key });
    await expect(client.index(setup.names.issues).search('')).rejects.toThrow();
    await expect(client.index(setup.names.records).addDocuments([{ id: 'x' }])).rejects.toThrow();
  });

  it('should replace a key of its name that can do more than search, or search more than the records', async () => {
    const name = searchKeyName(setup.names);
    const prefix = setup.names.records.replace(/-records$/, '');
    const wide = await meili.client.createKey({
      name,
      actions: ['search', 'documents.add'],
      indexes: [`${prefix}-*`],
      expiresAt: null,
    });
    // Our own key, already there, is kept; the wide one is deleted.
    expect(await searchOnlyKey(meili.client, setup.names)).toBe(key);
    const named = (await meili.client.getKeys({ limit: 1000 })).results.filter((k) => k.name === name);
    expect(named.map((k) => k.key)).toEqual([key]);
    expect(named.map((k) => k.key)).not.toContain(wide.key);
    // With only a wrong one left, a right one is made in its place.
    await meili.client.deleteKey(named[0]!.uid);
    const stale = await meili.client.createKey({ name, actions: ['*'], indexes: ['*'], expiresAt: null });
    const fresh = await searchOnlyKey(meili.client, setup.names);
    expect(fresh).not.toBe(stale.key);
    const after = (await meili.client.getKeys({ limit: 1000 })).results.filter((k) => k.name === name);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ key: fresh, actions: ['search'], indexes: [setup.names.records] });
  });
});
