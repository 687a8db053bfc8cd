import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatMessage } from '../parsers/format-message.js';
import { parseGazette } from '../parsers/index.js';

/**
 * The JSON Lines of every input the repository holds (corpus/, fixtures, synthetic and hostile
 * documents, web pages, external documents), byte for byte, as `gazette parse FILE` prints them,
 * and its diagnostics as printed on stderr. The manifest keeps their SHA-256 (the outputs are
 * 5 MB); a change to the parser's internals must leave every one of them as it was.
 * UPDATE_GOLDEN=1 rewrites the manifest: do it only for a change meant to change records.
 * On a mismatch the actual output is written under the system's temporary folder for diffing.
 */
const repo = join(import.meta.dirname, '..');
const manifestPath = join(import.meta.dirname, 'golden', 'jsonl-sha256.json');
const update = process.env.UPDATE_GOLDEN === '1';

function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(join(repo, dir), { recursive: true, encoding: 'utf8' })
    .filter(keep)
    .map((name) => join(dir, name));
}

const isDocument = (name: string) => /\.(txt|html?)$/.test(name) && !name.endsWith('SOURCES.md');
const inputs = [
  ...filesUnder('corpus', () => true),
  ...filesUnder('tests/fixtures', (name) => name.endsWith('input.txt')),
  ...filesUnder('tests/synthetic', isDocument),
  ...filesUnder('tests/html-fixtures', isDocument),
  ...filesUnder('tests/hostile', isDocument),
  ...filesUnder('tests/external', isDocument),
  ...filesUnder('tests/external-html', isDocument),
].sort();

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** What `gazette parse FILE` prints for one file (run from the repository's root): stdout, stderr. */
function printed(file: string): { records: string; messages: string } {
  const result = parseGazette(readFileSync(join(repo, file)), { file });
  return {
    records: result.records.map((r) => `${JSON.stringify(r)}\n`).join(''),
    messages: result.messages.map((m) => `${formatMessage(file, m)}\n`).join(''),
  };
}

type Manifest = Record<string, { records: string; messages: string }>;
const manifest: Manifest = update ? {} : (JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest);

describe('JSON Lines of every stored input', () => {
  it('should cover the corpus, the fixtures and the external documents', () => {
    expect(inputs.filter((f) => f.startsWith('corpus/')).length).toBeGreaterThanOrEqual(5);
    expect(inputs.filter((f) => f.startsWith('tests/fixtures/')).length).toBeGreaterThanOrEqual(50);
    expect(inputs.filter((f) => f.startsWith('tests/external/')).length).toBeGreaterThanOrEqual(37);
    expect(inputs.filter((f) => f.startsWith('tests/external-html/')).length).toBeGreaterThanOrEqual(12);
    if (!update) expect(Object.keys(manifest).sort()).toEqual(inputs);
  });

  it.each(inputs)('should print the same records and diagnostics for %s', (file) => {
    const output = printed(file);
    const hashes = { records: sha256(output.records), messages: sha256(output.messages) };
    if (update) {
      manifest[file] = hashes;
      return;
    }
    if (hashes.records !== manifest[file]?.records || hashes.messages !== manifest[file]?.messages) {
      const dir = join(tmpdir(), 'gazette-golden-actual');
      mkdirSync(dir, { recursive: true });
      const base = join(dir, relative('.', file).replaceAll('/', '__'));
      writeFileSync(`${base}.jsonl`, output.records);
      writeFileSync(`${base}.err`, output.messages);
    }
    expect(hashes).toEqual(manifest[file]);
  });

  if (update) {
    it('should write the manifest', () => {
      writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 1)}\n`);
    });
  }
});
