import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexExists } from '../index/index.js';
import {
  CORPUS_FILES,
  corpusBytes,
  dropIndexes,
  indexedHashes,
  isolated,
  root,
} from '../tests/helpers/ingest-setup.js';
import { TestMeili } from '../tests/helpers/test-meili.js';
import { prepareIssue } from './prepare-issue.js';
import { processIssue } from './processor.js';
import { FileIndexLock } from './index-lock.js';
import { reindexAll } from './reindex.js';

let meili: TestMeili;
const setup = isolated('reindex');

beforeAll(async () => {
  meili = await TestMeili.start();
  Object.assign(process.env, meili.env);
});
afterAll(async () => {
  await dropIndexes(meili.client, setup.names);
  await meili.stop();
});

describe('gazette reindex', () => {
  it('should rebuild from the archive into new indexes and swap them in, while searches keep answering', async () => {
    const context = { archive: setup.archive, client: meili.client, names: setup.names };
    for (const file of CORPUS_FILES)
      await processIssue({ sha256: setup.archive.store(corpusBytes(file), join(root, file), 1), file }, context);
    // A corrected 004 ingested later supersedes the original in the archive.
    const corrected = Buffer.from(
      corpusBytes(CORPUS_FILES[4]!).toString('utf8').replace('数据质量第一原则', '数据质量第一的原则'),
    );
    await processIssue(
      { sha256: setup.archive.store(corrected, 'corrected-004.txt', 2), file: 'corrected-004.txt' },
      context,
    );
    const before = await indexedHashes(meili.client, setup.names.records);

    let searching = true;
    const answers: number[] = [];
    const searches = (async () => {
      while (searching) {
        answers.push(
          (await meili.client.index(setup.names.records).search('安全生产', { limit: 1 })).estimatedTotalHits ?? 0,
        );
        await sleep(10);
      }
    })();
    const result = await reindexAll({ dataDir: setup.dataDir, names: setup.names, notice: () => {} });
    searching = false;
    await searches;

    // Each issue from the version the index shows: the original 004 is an older version, not rebuilt.
    expect(result).toMatchObject({ issues: CORPUS_FILES.length, skipped: [], caughtUp: 0 });
    expect(answers.length).toBeGreaterThan(5);
    expect(answers.every((n) => n > 0)).toBe(true);
    expect(await indexedHashes(meili.client, setup.names.records)).toEqual(before);
    const next = await prepareIssue(corrected, 'corrected-004.txt');
    const issue = await meili.client.index(setup.names.issues).getDocument(next.id);
    expect(issue.sha256).toBe(next.sha256);
    expect(issue.versions.map((v: { file: string }) => v.file)).toEqual([CORPUS_FILES[4], 'corrected-004.txt']);
    expect(await indexExists(meili.client, `${setup.names.records}-rebuild`)).toBe(false);
  }, 120_000);

  it('should keep what is ingested while it runs: copied in before the swap, under the index lock', async () => {
    const lock = new FileIndexLock(join(setup.dataDir, 'locks', 'reindex-test.lock'));
    const context = { archive: setup.archive, client: meili.client, names: setup.names, lock };
    const late = [
      '关于做好夏季防汛工作的通知',
      '海政办发〔2022〕99号',
      '',
      '各区镇人民政府：',
      '',
      '一、落实防汛责任。',
      '',
      '南通市海门区人民政府办公室',
      '',
      '2022年6月1日',
      '',
    ].join('\n');
    const rebuilding = reindexAll({ dataDir: setup.dataDir, names: setup.names, notice: () => {}, lock });
    await sleep(1500); // the rebuild has read the live issues by now
    const ingested = await processIssue(
      { sha256: setup.archive.store(Buffer.from(late), 'late.txt'), file: 'late.txt' },
      context,
    );
    const result = await rebuilding;
    expect(result.caughtUp).toBe(1);
    const issue = await meili.client.index(setup.names.issues).getDocument(ingested.issue);
    expect(issue.file).toBe('late.txt');
    const hits = await meili.client
      .index(setup.names.records)
      .search('', { filter: `issues = "${ingested.issue}"`, limit: 50 });
    expect(hits.hits.length).toBe(ingested.records);
  }, 120_000);
});
