import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Meilisearch } from 'meilisearch';
import { type IndexNames, type SearchDocument, indexNames } from '../../index/index.js';
import { Archive } from '../../ingest/archive.js';
import { madeFolder } from './made-folders.js';

export const root = join(import.meta.dirname, '..', '..');

/** Corpus files as paths relative to the project root, as a user would type them. */
export const CORPUS_FILES = [
  '000_4ccff14b38c8260a',
  '001_2722b5f0afb84519',
  '002_928f4559c319cd7b',
  '003_903b7e878e88ee69',
  '004_1631c348b983163c',
].map((name) => join('corpus', `${name}.txt`));

/** The raw bytes of a corpus file. */
export function corpusBytes(file: string): Buffer {
  return readFileSync(join(root, file));
}

/** Index uids of their own for one test, and a fresh data directory with an archive. */
export function isolated(label: string): { names: IndexNames; dataDir: string; archive: Archive; queueName: string } {
  const id = `${label}-${randomBytes(4).toString('hex')}`;
  const dataDir = madeFolder(`gazette-${label}-`);
  return {
    names: indexNames(`test-${id}`),
    dataDir,
    archive: new Archive(join(dataDir, 'archive')),
    queueName: `test-${id}`,
  };
}

/** Every record the index holds, as id → content hash. */
/** Corpus issue 000's first notice, from its title to its signature date: a notice for another file to reprint. */
export function firstCorpusNotice(): string {
  const lines = corpusBytes(CORPUS_FILES[0]!).toString('utf8').split('\n');
  const end = lines.findIndex((line, i) => i > 2 && /^\s*2022年4月20日\s*$/u.test(line));
  return lines.slice(1, end + 1).join('\n');
}

/** A short notice of the corpus's government with this title and number, laid out as a gazette prints it. */
export function shortNotice(title: string, number: string): string {
  return [
    '',
    title,
    number,
    '',
    '各区镇人民政府：',
    '',
    '一、认真做好有关工作。',
    '',
    '南通市海门区人民政府办公室',
    '',
    '2022年6月1日',
    '',
  ].join('\n');
}

export async function indexedHashes(client: Meilisearch, uid: string): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (let offset = 0; ; offset += 1000) {
    const page = await client
      .index<SearchDocument>(uid)
      .getDocuments({ fields: ['id', 'contentHash'], limit: 1000, offset });
    for (const d of page.results) hashes.set(d.id, d.contentHash);
    if (page.results.length < 1000) return hashes;
  }
}

/** Document-addition tasks the server has seen for an index. */
export async function additionTasks(client: Meilisearch, uid: string): Promise<number> {
  const tasks = await client.tasks.getTasks({ indexUids: [uid], types: ['documentAdditionOrUpdate'], limit: 1000 });
  return tasks.results.length;
}

/** Removes a test's indexes. */
export async function dropIndexes(client: Meilisearch, names: IndexNames): Promise<void> {
  for (const uid of [names.records, names.issues, `${names.records}-rebuild`, `${names.issues}-rebuild`]) {
    await client
      .deleteIndex(uid)
      .waitTask()
      .catch(() => {});
  }
}
