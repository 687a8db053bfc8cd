import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SearchDocument, segmentQuery } from '../index/index.js';
import {
  CORPUS_FILES,
  additionTasks,
  corpusBytes,
  dropIndexes,
  indexedHashes,
  isolated,
} from '../tests/helpers/ingest-setup.js';
import { TestMeili } from '../tests/helpers/test-meili.js';
import { BadInputError } from './errors.js';
import { prepareIssue } from './prepare-issue.js';
import { type ProcessorContext, processIssue } from './processor.js';

let meili: TestMeili;
const setup = isolated('processor');
let context: ProcessorContext;

beforeAll(async () => {
  meili = await TestMeili.start();
  context = { archive: setup.archive, client: meili.client, names: setup.names };
});
afterAll(async () => {
  await dropIndexes(meili.client, setup.names);
  await meili.stop();
});

function store(file: string, bytes = corpusBytes(file)) {
  return { sha256: setup.archive.store(bytes, file), file };
}

describe('processIssue against a real Meilisearch', () => {
  it('should index every record of an issue, searchable with the domain segmentation', async () => {
    const result = await processIssue(store(CORPUS_FILES[4]!), context);
    const expected = await prepareIssue(corpusBytes(CORPUS_FILES[4]!), CORPUS_FILES[4]!);
    expect(result).toMatchObject({
      records: expected.documents.length,
      added: expected.documents.length,
      updated: 0,
      deleted: 0,
    });
    expect(await indexedHashes(meili.client, setup.names.records)).toEqual(
      new Map(expected.documents.map((d) => [d.id, d.contentHash])),
    );
    const search = await meili.client.index<SearchDocument>(setup.names.records).search('农业', { limit: 50 });
    expect(search.hits.some((hit) => hit.text.includes('区农业农村局'))).toBe(true);
  });

  it('should write nothing when the same issue is processed again', async () => {
    const before = await additionTasks(meili.client, setup.names.records);
    const result = await processIssue(store(CORPUS_FILES[4]!), context);
    expect(result).toMatchObject({ added: 0, updated: 0, deleted: 0, writes: 0 });
    expect(await additionTasks(meili.client, setup.names.records)).toBe(before);
  });

  it('should update only the changed records of a corrected issue and delete those that disappeared, upserting first', async () => {
    const lines = corpusBytes(CORPUS_FILES[4]!).toString('utf8').split('\n');
    expect(lines[66]).toContain('数据质量第一原则');
    lines[66] = lines[66]!.replace('数据质量第一原则', '数据质量第一的原则'); // a corrected word in （三）
    expect(lines[72]).toMatch(/^（六）强化宣传引导/);
    lines[72] = ''; // （六） withdrawn, its line left blank so no other record moves
    const corrected = Buffer.from(lines.join('\n'));
    const old = await prepareIssue(corpusBytes(CORPUS_FILES[4]!), CORPUS_FILES[4]!);
    const next = await prepareIssue(corrected, 'corrected/004.txt');
    expect(next.id).toBe(old.id); // the same gazette issue
    const oldHashes = new Map(old.documents.map((d) => [d.id, d.contentHash]));
    const changed = next.documents.filter((d) => oldHashes.get(d.id) !== d.contentHash);
    const gone = old.documents.filter((d) => !next.documents.some((n) => n.id === d.id));
    expect(gone.map((d) => d.text)).toEqual([expect.stringMatching(/^（六）强化宣传引导/)]);
    expect(changed.length).toBeLessThanOrEqual(3); // the clause and the notice that prints it

    const from = (await meili.client.tasks.getTasks({ indexUids: [setup.names.records], limit: 1 })).results[0]!.uid;
    const result = await processIssue(
      { sha256: setup.archive.store(corrected, 'corrected/004.txt'), file: 'corrected/004.txt' },
      context,
    );
    expect(result).toMatchObject({
      added: changed.filter((d) => !oldHashes.has(d.id)).length,
      updated: changed.filter((d) => oldHashes.has(d.id)).length,
      deleted: 1,
    });
    expect(await indexedHashes(meili.client, setup.names.records)).toEqual(
      new Map(next.documents.map((d) => [d.id, d.contentHash])),
    );
    const tasks = (await meili.client.tasks.getTasks({ indexUids: [setup.names.records], limit: 10 })).results
      .filter((t) => t.uid > from)
      .reverse();
    expect(tasks.map((t) => t.type)).toEqual(['documentAdditionOrUpdate', 'documentDeletion']);
  });

  it('should refuse bad input with the parser diagnostic, writing nothing', async () => {
    const before = await indexedHashes(meili.client, setup.names.records);
    await expect(processIssue(store('empty.txt', Buffer.from('\n\n')), context)).rejects.toThrow(BadInputError);
    await expect(
      processIssue(store('binary.txt', Buffer.from([0x48, 0x00, 0x01, 0x02, 0xff])), context),
    ).rejects.toThrow(/binary\.txt: cannot decode at byte offset/);
    await expect(processIssue(store('empty.txt', Buffer.from('\n\n')), context)).rejects.toThrow(
      /^empty\.txt:1:1: .*\(parse-gazette:empty-file\)$/,
    );
    expect(await indexedHashes(meili.client, setup.names.records)).toEqual(before);
  });

  it('should find a department by its full name in the departments facet, and segment queries like the index', async () => {
    const search = await meili.client
      .index(setup.names.records)
      .search('', { filter: 'departments = "区公安局"', facets: ['kind'], limit: 0 });
    expect(search.estimatedTotalHits).toBeGreaterThan(0);
    expect(segmentQuery('区公安局副局长')).toEqual(['区公安局', '副局长']);
  });
});
