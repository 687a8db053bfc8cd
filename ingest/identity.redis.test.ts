import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IndexNames, type IssueDocument, type SearchDocument, getIssue, waitForWrite } from '../index/index.js';
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
import { Archive } from './archive.js';
import { RedisByteStore } from './byte-store.js';
import { RedisIndexLock } from './index-lock.js';
import { prepareIssue } from './prepare-issue.js';
import { type IngestJobData, type ProcessorContext, processIssue } from './processor.js';

/*
 * Issue identity and versions against real Redis and Meilisearch: whatever order files come in,
 * the index ends equal to a clean ingest of the newest full version of each issue, with no
 * record twice.
 */
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
let meili: TestMeili;
let redis: Redis;
const used: IndexNames[] = [];

beforeAll(async () => {
  meili = await TestMeili.start();
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
}, 60_000);
afterAll(async () => {
  for (const names of used) await dropIndexes(meili.client, names);
  await redis.quit();
  await meili.stop();
});

/** A fresh pair of indexes and archive, with a context that serialises syncs through Redis. */
function fresh(label: string): {
  context: ProcessorContext;
  names: IndexNames;
  ingest: (file: string, bytes: Buffer, extra?: Partial<IngestJobData>) => ReturnType<typeof processIssue>;
} {
  const setup = isolated(label);
  used.push(setup.names);
  const context: ProcessorContext = {
    archive: setup.archive,
    client: meili.client,
    names: setup.names,
    lock: new RedisIndexLock(redis, `test:lock:${setup.names.records}`),
  };
  const ingest = (file: string, bytes: Buffer, extra: Partial<IngestJobData> = {}) =>
    processIssue({ sha256: setup.archive.store(bytes, file), file, ...extra }, context);
  return { context, names: setup.names, ingest };
}

/** What a clean ingest of these files, in this order, gives: ids and content hashes. */
async function clean(files: Array<[string, Buffer]>): Promise<Map<string, string>> {
  const { names, ingest } = fresh('clean');
  for (const [file, bytes] of files) await ingest(file, bytes);
  return indexedHashes(meili.client, names.records);
}

async function docs(client: Meilisearch, names: IndexNames): Promise<SearchDocument[]> {
  const page = await client.index<SearchDocument>(names.records).getDocuments({ limit: 10_000 });
  return page.results;
}

const FULL = corpusBytes(CORPUS_FILES[0]!);
/** The first half of 000, cut at a line boundary: an incomplete download. */
const CUT = Buffer.from(FULL.toString('utf8').split('\n').slice(0, 860).join('\n'));
const ISSUE_004 = corpusBytes(CORPUS_FILES[4]!);
/** 004 with its chronicle's period line corrected: the issue id the parser derives changes with it. */
const PERIOD_FIXED = Buffer.from(
  ISSUE_004.toString('utf8').replace('（2022年7月1日—2022年8月31日）', '（2022年7月1日—2022年9月30日）'),
);

describe('issue identity', () => {
  it('should take a file cut short for part of its issue: no record twice, nothing removed, its sighting kept', async () => {
    const expected = await clean([[CORPUS_FILES[0]!, FULL]]);
    const { names, ingest } = fresh('cut');
    await ingest(CORPUS_FILES[0]!, FULL);
    const result = await ingest('downloads/000-incomplete.txt', CUT);
    expect(result).toMatchObject({ status: 'partial', relation: 'partial', deleted: 0, added: 0 });
    expect(result.note).toMatch(/^partial copy of issue /u);
    expect(await indexedHashes(meili.client, names.records)).toEqual(expected);
    const issue = (await getIssue(meili.client, names, result.issue))!;
    expect(issue.versions.map((v) => [v.file, v.partial])).toEqual([
      [CORPUS_FILES[0], false],
      ['downloads/000-incomplete.txt', true],
    ]);
    expect(issue.sha256).not.toBe(result.sha256);
    const sighted = (await docs(meili.client, names)).filter((d) =>
      d.sightings?.some((s) => s.file === 'downloads/000-incomplete.txt'),
    );
    expect(sighted.length).toBeGreaterThan(100);
  }, 120_000);

  it('should take the cut file first and the whole one after it for versions of one issue', async () => {
    const expected = await clean([[CORPUS_FILES[0]!, FULL]]);
    const { names, ingest } = fresh('cut-first');
    const first = await ingest('downloads/000-incomplete.txt', CUT);
    const second = await ingest(CORPUS_FILES[0]!, FULL);
    expect(second).toMatchObject({ issue: first.issue, status: 'indexed', relation: 'version' });
    expect(await indexedHashes(meili.client, names.records)).toEqual(expected);
  }, 120_000);

  it('should keep the issue of a corrected period line (which changes the id the parser derives), duplicating nothing', async () => {
    const expected = await clean([[CORPUS_FILES[4]!, PERIOD_FIXED]]);
    const { names, ingest } = fresh('period');
    const original = await ingest(CORPUS_FILES[4]!, ISSUE_004);
    const corrected = await ingest('corrected/004.txt', PERIOD_FIXED);
    expect(corrected).toMatchObject({
      issue: original.issue,
      status: 'indexed',
      relation: 'version',
      added: 0,
      deleted: 0,
    });
    expect(corrected.note).toMatch(/a version of issue /u); // parsed as another issue id, recognised by its records
    expect(await indexedHashes(meili.client, names.records)).toEqual(expected);
  }, 120_000);
});

describe('issue versions', () => {
  it('should keep a correction when the original bytes are ingested again, say so, and restore them on demand', async () => {
    const corrected = Buffer.from(ISSUE_004.toString('utf8').replace('数据质量第一原则', '数据质量第一的原则'));
    const withCorrection = await clean([[CORPUS_FILES[4]!, corrected]]);
    const withOriginal = await clean([[CORPUS_FILES[4]!, ISSUE_004]]);
    const { names, ingest } = fresh('versions');
    await ingest(CORPUS_FILES[4]!, ISSUE_004);
    await ingest('corrected/004.txt', corrected);
    const again = await ingest(CORPUS_FILES[4]!, ISSUE_004);
    expect(again).toMatchObject({ status: 'superseded', writes: 0 });
    expect(again.note).toMatch(/^older version of issue .* kept; index unchanged/u);
    expect(await indexedHashes(meili.client, names.records)).toEqual(withCorrection);
    const restored = await ingest(CORPUS_FILES[4]!, ISSUE_004, { force: true });
    expect(restored.status).toBe('indexed');
    expect(await indexedHashes(meili.client, names.records)).toEqual(withOriginal);
    const issue = (await getIssue(meili.client, names, restored.issue)) as IssueDocument;
    expect(issue.versions).toHaveLength(2);
  }, 120_000);

  it('should end showing the newer of two versions of one issue synced at once, never a mix', async () => {
    const corrected = Buffer.from(
      ISSUE_004.toString('utf8')
        .replace('数据质量第一原则', '数据质量第一的原则')
        .replace('（六）强化宣传引导', '（六）加强宣传引导'),
    );
    const expected = await clean([[CORPUS_FILES[4]!, corrected]]);
    for (const order of [
      ['old', 'new'],
      ['new', 'old'],
    ]) {
      const { names, ingest } = fresh(`race-${order[0]}`);
      await ingest('base.txt', corpusBytes(CORPUS_FILES[1]!)); // an indexed base
      const seenOld = Date.now();
      const jobs = {
        old: () => ingest('v1.txt', ISSUE_004, { seenAt: seenOld }),
        new: () => ingest('v2.txt', corrected, { seenAt: seenOld + 1 }),
      };
      const results = await Promise.all(order.map((k) => jobs[k as 'old' | 'new']()));
      const status = Object.fromEntries(order.map((k, i) => [k, results[i]!.status]));
      // Whichever takes the lock first, the newer ends shown; the older is written first or not at all.
      expect(status.new).toBe('indexed');
      expect(['indexed', 'superseded']).toContain(status.old);
      const hashes = await indexedHashes(meili.client, names.records);
      const base = await clean([['base.txt', corpusBytes(CORPUS_FILES[1]!)]]);
      expect(hashes).toEqual(new Map([...base, ...expected]));
    }
  }, 240_000);
});

describe('an interrupted sync', () => {
  it('should be finished by the next run, never reported unchanged', async () => {
    const corrected = Buffer.from(ISSUE_004.toString('utf8').replace('数据质量第一原则', '数据质量第一的原则'));
    const expected = await clean([[CORPUS_FILES[4]!, corrected]]);
    const { names, ingest, context } = fresh('interrupted');
    const first = await ingest(CORPUS_FILES[4]!, ISSUE_004);
    // A sync of the corrected bytes that died after marking the issue pending and writing half its records.
    const prepared = await prepareIssue(corrected, 'corrected/004.txt');
    const half = prepared.documents
      .slice(0, Math.floor(prepared.documents.length / 2))
      .map((d) => ({ ...d, issue: first.issue, issues: [first.issue] }));
    const issue = (await getIssue(meili.client, names, first.issue))!;
    await waitForWrite(
      names.issues,
      meili.client
        .index(names.issues)
        .addDocuments([{ ...issue, pending: { sha256: prepared.sha256, since: Date.now() } }]),
    );
    await waitForWrite(names.records, meili.client.index(names.records).addDocuments(half));
    // The original bytes again: not "unchanged", since the index may hold a mix.
    const again = await processIssue(
      { sha256: context.archive.store(ISSUE_004, CORPUS_FILES[4]!), file: CORPUS_FILES[4]! },
      context,
    );
    expect(again.status).toBe('indexed');
    expect((await getIssue(meili.client, names, first.issue))!.pending).toBeNull();
    // The corrected bytes: the newest version, wholly.
    const next = await ingest('corrected/004.txt', corrected);
    expect(next.status).toBe('indexed');
    expect(await indexedHashes(meili.client, names.records)).toEqual(expected);
  }, 120_000);
});

describe('the same notice in two files', () => {
  const firstNotice = firstCorpusNotice();

  it('should be one record with two sightings within an issue: a reprint is a partial copy', async () => {
    const { names, ingest } = fresh('twice');
    const full = await ingest(CORPUS_FILES[0]!, FULL);
    const alone = await ingest('reprints/notice.txt', Buffer.from(`${firstNotice}\n`));
    expect(alone).toMatchObject({ issue: full.issue, status: 'partial' });
    const notices = (await docs(meili.client, names)).filter((d) => d.kind === 'notice');
    expect(new Set(notices.map((n) => n.id)).size).toBe(notices.length);
    const shared = notices.find((n) => n.sightings?.length === 2)!;
    expect(shared.sightings!.map((s) => s.file)).toEqual([CORPUS_FILES[0], 'reprints/notice.txt']);
  }, 120_000);

  it('should be held by both issues when another issue prints it too, and stay while one still does', async () => {
    const { names, ingest } = fresh('shared');
    const a = await ingest(CORPUS_FILES[0]!, FULL);
    // Another issue: two notices of its own and 000's first one.
    const other = Buffer.from(
      `${shortNotice('关于做好夏季防汛工作的通知', '海政办发〔2022〕71号')}${shortNotice('关于开展消防安全检查的通知', '海政办发〔2022〕72号')}\n${firstNotice}\n`,
    );
    const b = await ingest('other-issue.txt', other);
    expect(b.relation).toBe('ambiguous');
    expect(b.issue).not.toBe(a.issue);
    const id = (await docs(meili.client, names)).find(
      (d) => d.kind === 'notice' && d.text.startsWith(firstNotice.trim().split('\n')[0]!),
    )!.id;
    const held = async () =>
      (await meili.client.index<SearchDocument>(names.records).getDocuments({ ids: [id], limit: 1 })).results[0];
    expect((await held())!.issues).toEqual([a.issue, b.issue]);
    // A version of 000 without that notice: it stays, as the other issue's.
    const without = Buffer.from(FULL.toString('utf8').replace(`\n${firstNotice}\n`, '\n'));
    const next = await ingest('corrected/000.txt', without);
    expect(next).toMatchObject({ issue: a.issue, status: 'indexed' });
    expect((await held())!.issues).toEqual([b.issue]);
    const notices = (await docs(meili.client, names)).filter((d) => d.kind === 'notice');
    expect(new Set(notices.map((n) => n.id)).size).toBe(notices.length);
  }, 120_000);
});

describe('workers that share nothing but Redis and Meilisearch', () => {
  it('should let a worker with its own empty archive process bytes another machine queued', async () => {
    const expected = await clean([[CORPUS_FILES[2]!, corpusBytes(CORPUS_FILES[2]!)]]);
    const { names, context } = fresh('remote');
    const ingesting = new Archive(mkdtempSync(join(tmpdir(), 'gazette-ingesting-')));
    const sha256 = ingesting.store(corpusBytes(CORPUS_FILES[2]!), CORPUS_FILES[2]!);
    const bytes = new RedisByteStore(redis, `test-${names.records}`);
    await bytes.put(sha256, ingesting.read(sha256));
    const elsewhere: ProcessorContext = {
      ...context,
      archive: new Archive(mkdtempSync(join(tmpdir(), 'gazette-worker-'))),
      bytes,
    };
    const result = await processIssue({ sha256, file: CORPUS_FILES[2]! }, elsewhere);
    expect(result.status).toBe('indexed');
    expect(await indexedHashes(meili.client, names.records)).toEqual(expected);
    await redis.del(`test-${names.records}:bytes:${sha256}`);
    for (const archive of [ingesting, elsewhere.archive]) rmSync(archive.root, { recursive: true, force: true });
  }, 120_000);
});
