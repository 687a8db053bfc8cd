import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shiftedIssues } from '../bench/shifted-issues.js';
import type { IssueDocument, SearchDocument } from '../index/index.js';
import { dropIndexes, isolated } from '../tests/helpers/ingest-setup.js';
import { TestMeili } from '../tests/helpers/test-meili.js';
import { type ProcessorContext, processIssue } from './processor.js';
import { Semaphore, SyncBatcher } from './sync-batcher.js';

let meili: TestMeili;
const piped = isolated('pipelined');
const alone = isolated('one-by-one');

beforeAll(async () => {
  meili = await TestMeili.start();
});
afterAll(async () => {
  await dropIndexes(meili.client, piped.names);
  await dropIndexes(meili.client, alone.names);
  await meili.stop();
});

/** Every record of an index: its content hash and the issues holding it, by id. */
async function records(uid: string): Promise<Map<string, string>> {
  const all = new Map<string, string>();
  for (let offset = 0; ; offset += 1000) {
    const page = await meili.client
      .index<SearchDocument>(uid)
      .getDocuments({ fields: ['id', 'contentHash', 'issues'], limit: 1000, offset });
    for (const d of page.results) all.set(d.id, `${d.contentHash} ${[...(d.issues ?? [])].sort().join(',')}`);
    if (page.results.length < 1000) return all;
  }
}

describe('syncs pipelined through one batcher', () => {
  it('should give the index that syncing the issues one by one gives, issues that share notices included', async () => {
    // Ten distinct issues; the fifth and the ninth print some of the same notices.
    const issues = shiftedIssues(10);
    const jobs = (archive: ProcessorContext['archive']) =>
      issues.map(({ name, bytes }) => ({ sha256: archive.store(bytes, name), file: name }));

    const context: ProcessorContext = { archive: piped.archive, client: meili.client, names: piped.names };
    const batched = { ...context, cpu: new Semaphore(2), batcher: new SyncBatcher(() => context, 3) };
    const results = await Promise.all(jobs(piped.archive).map((job) => processIssue(job, batched)));
    expect(results.map((r) => r.status)).toEqual(issues.map(() => 'indexed'));

    const single: ProcessorContext = { archive: alone.archive, client: meili.client, names: alone.names };
    for (const job of jobs(alone.archive)) await processIssue(job, single);

    const expected = await records(alone.names.records);
    expect([...expected.values()].some((v) => v.includes(','))).toBe(true); // notices held by two issues
    expect(await records(piped.names.records)).toEqual(expected);
    const shown = await meili.client.index<IssueDocument>(piped.names.issues).getDocuments({ limit: 100 });
    expect(shown.results.map((i) => [i.id, i.pending]).sort()).toEqual(results.map((r) => [r.issue, null]).sort());
  }, 240_000);
});
