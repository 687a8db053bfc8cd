import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type GazetteRecord, parseGazette } from '../parsers/index.js';
import { enrichRecords } from './enrich.js';
import { EnrichThread } from './enrich-thread.js';

// The thread runs the compiled code (npm ci builds it; run `npm run build` after a change): a
// thread cannot load TypeScript. These tests also catch a build older than the sources.
const compiled = new URL('../dist/ingest/enrich-thread.js', import.meta.url);
const recordsOf = (file: string) => parseGazette(readFileSync(join(import.meta.dirname, '..', file)), { file }).records;
const first = recordsOf(join('corpus', '001_2722b5f0afb84519.txt'));
const second = recordsOf(join('corpus', '004_1631c348b983163c.txt'));

describe('EnrichThread', () => {
  const thread = EnrichThread.start(compiled);
  afterAll(() => thread?.close());

  it('should not start from the TypeScript sources, where the processor enriches in process', () => {
    expect(EnrichThread.start(new URL('./enrich-thread.ts', import.meta.url))).toBeNull();
    expect(thread).not.toBeNull();
  });

  it('should give the documents enrichRecords gives in process, for issues asked at once', async () => {
    const [a, b] = await Promise.all([thread!.enrich(first), thread!.enrich(second)]);
    expect(a).toEqual(await enrichRecords(first));
    expect(b).toEqual(await enrichRecords(second));
  });

  it('should fail a request the enrichment throws on, and go on answering the next ones', async () => {
    const broken = [{ ...first[0]!, departments: null }] as unknown as GazetteRecord[];
    await expect(thread!.enrich(broken)).rejects.toThrow(/^enrichment failed: /);
    expect(await thread!.enrich(second.slice(0, 3))).toEqual(await enrichRecords(second.slice(0, 3)));
  });

  it('should fail what it was still asked when closed, and start again when asked after', async () => {
    const own = EnrichThread.start(compiled)!;
    const asked = own.enrich(first);
    await own.close();
    await expect(asked).rejects.toThrow('enrichment thread closed');
    expect(await own.enrich(second.slice(0, 2))).toEqual(await enrichRecords(second.slice(0, 2)));
    await own.close();
  });

  it('should start again with twice the heap when it ran out of memory, failing only what it held', async () => {
    const small = EnrichThread.start(compiled, 8)!;
    // A whole issue does not fit in 8 MB (loading alone may not either).
    await expect(small.enrich(first)).rejects.toThrow(/memory limit/);
    let documents: Awaited<ReturnType<EnrichThread['enrich']>> | null = null;
    for (let attempt = 0; attempt < 4 && !documents; attempt++)
      documents = await small.enrich(second.slice(0, 3)).catch((error: Error) => {
        expect(error.message).toMatch(/memory limit/);
        return null;
      });
    expect(documents).toEqual(await enrichRecords(second.slice(0, 3)));
    await small.close();
  });
});
