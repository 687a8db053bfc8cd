import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Archive } from './archive.js';
import { ArchiveMissError } from './errors.js';

describe('Archive', () => {
  const root = mkdtempSync(join(tmpdir(), 'gazette-archive-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const archive = new Archive(root);
  const bytes = Buffer.from('区政府关于印发的通知\n');
  const sha256 = createHash('sha256').update(bytes).digest('hex');

  it('should store bytes once under their sha256 and remember every name they came under', () => {
    expect(archive.store(bytes, 'a.txt', 1)).toBe(sha256);
    expect(archive.store(bytes, 'b/a.txt', 2)).toBe(sha256);
    expect(readdirSync(join(root, sha256.slice(0, 2))).sort()).toEqual([`${sha256}.json`, `${sha256}.raw`]);
    expect(archive.entry(sha256)).toEqual({ sha256, names: ['a.txt', 'b/a.txt'], lastIngestedAt: 2 });
    expect(archive.read(sha256)).toEqual(bytes);
    expect(archive.list().map((e) => e.sha256)).toEqual([sha256]);
  });

  it('should refuse bytes that are missing or damaged', () => {
    expect(() => archive.read('0'.repeat(64))).toThrow(ArchiveMissError);
    writeFileSync(join(root, sha256.slice(0, 2), `${sha256}.raw`), 'changed');
    expect(() => archive.read(sha256)).toThrow(/is damaged/);
  });

  it('should keep its folders owner-only (0700) and its files 0600, tightening a root that was not', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gazette-archive-modes-'));
    try {
      const loose = new Archive(join(dataDir, 'archive'));
      loose.store(Buffer.from('x'), 'x.txt');
      chmodSync(loose.root, 0o755);
      const other = new Archive(loose.root);
      const digest = other.store(bytes, 'a.txt');
      const mode = (path: string) => statSync(path).mode & 0o777;
      expect(mode(other.root)).toBe(0o700);
      expect(mode(join(other.root, digest.slice(0, 2)))).toBe(0o700);
      expect(mode(join(other.root, digest.slice(0, 2), `${digest}.raw`))).toBe(0o600);
      expect(mode(join(other.root, digest.slice(0, 2), `${digest}.json`))).toBe(0o600);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
