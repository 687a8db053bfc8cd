import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexExists } from '../index/index.js';
import { CORPUS_FILES, corpusBytes, dropIndexes, indexedHashes, isolated, root } from '../tests/helpers/ingest-setup.js';
import { TestMeili } from '../tests/helpers/test-meili.js';
import { prepareIssue } from './prepare-issue.js';
import { processIssue } from './processor.js';
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
    for (const file of CORPUS_FILES) await processIssue({ sha256: setup.archive.store(corpusBytes(file), join(root, file), 1), file }, context);
    // A corrected 004 ingested later supersedes the original in the archive.
    const corrected = Buffer.from(corpusBytes(CORPUS_FILES[4]!).toString('utf8').replace('数据质量第一原则', '数据质量第一的原则'));
    await processIssue({ sha256: setup.archive.store(corrected, 'corrected-004.txt', 2), file: 'corrected-004.txt' }, context);
    const before = await indexedHashes(meili.client, setup.names.records);

    let searching = true;
    const answers: number[] = [];
    const searches = (async () => {
      while (searching) {
        answers.push((await meili.client.index(setup.names.records).search('安全生产', { limit: 1 })).estimatedTotalHits ?? 0);
        await sleep(10);
      }
    })();
    const result = await reindexAll({ dataDir: setup.dataDir, names: setup.names, notice: () => {} });
    searching = false;
    await searches;

    expect(result.issues).toBe(CORPUS_FILES.length);
    const original = await prepareIssue(corpusBytes(CORPUS_FILES[4]!), join(root, CORPUS_FILES[4]!));
    expect(result.skipped).toEqual([{ file: join(root, CORPUS_FILES[4]!), sha256: original.issue.sha256, reason: `superseded by another version of issue ${original.issue.id}` }]);
    expect(answers.length).toBeGreaterThan(5);
    expect(answers.every((n) => n > 0)).toBe(true);
    expect(await indexedHashes(meili.client, setup.names.records)).toEqual(before);
    const next = await prepareIssue(corrected, 'corrected-004.txt');
    const issue = await meili.client.index(setup.names.issues).getDocument(next.issue.id);
    expect(issue.sha256).toBe(next.issue.sha256);
    expect(await indexExists(meili.client, `${setup.names.records}-rebuild`)).toBe(false);
  }, 120_000);
});
