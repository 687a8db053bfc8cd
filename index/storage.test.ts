import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StorageFullError } from './errors.js';
import { assertFreeSpace, formatBytes, saysNoSpace, storageFailure, totalSize, watchStorage } from './storage.js';

const low = { path: '/data/meili/db', free: 4096 };

describe('storageFailure', () => {
  it('should name a write that a full disk broke "no space left", with the folder and its free space, whatever code the server gave', () => {
    const malformed = storageFailure(
      'malformed_payload',
      "The `json` payload provided is malformed. `Couldn't serialize document value: trailing characters at line 1 column 14565`.",
      'index "gazette-records", task 12: malformed_payload: …',
      low,
    );
    expect(malformed).toBeInstanceOf(StorageFullError);
    expect(malformed?.path).toBe('/data/meili/db');
    expect(malformed?.message).toBe(
      'no space left on device: /data/meili/db has 4.0 KB free (index "gazette-records", task 12: malformed_payload: …); free some space, then run `gazette retry` or ingest again',
    );
    expect(storageFailure('io_error', 'Input/output error (os error 5).', 'task 3', low)).toBeInstanceOf(
      StorageFullError,
    );
    expect(storageFailure('task_timeout', undefined, 'task 4 has not finished after 600 s', low)).toBeInstanceOf(
      StorageFullError,
    );
  });

  it('should say so when the server names the full disk itself, even with no folder short of space here', () => {
    const failure = storageFailure('no_space_left_on_device', 'No space left on device (os error 28)', 'task 9', null);
    expect(failure).toBeInstanceOf(StorageFullError);
    expect(failure?.message).toMatch(/^no space left on device: /);
    expect(
      storageFailure('internal', 'Batch failed No space left on device (os error 28)', 'task 9', null),
    ).toBeInstanceOf(StorageFullError);
  });

  it('should name a payload read back cut short a full disk, though its space is free again when we look', () => {
    watchStorage(tmpdir());
    const failure = storageFailure(
      'malformed_payload',
      "The `json` payload provided is malformed. `Couldn't serialize document value: trailing characters at line 1 column 14130`.",
      'task 5',
    );
    expect(failure?.message).toMatch(new RegExp(`^no space left on device: ${tmpdir()} has .+ free \\(task 5\\)`));
    expect(storageFailure('malformed_payload', 'missing field `id`', 'task 6')).toBeNull();
  });

  it('should leave other failures alone', () => {
    expect(storageFailure('malformed_payload', 'trailing characters', 'task 1', null)).toBeNull();
    expect(storageFailure('invalid_document_id', 'bad id', 'task 1', low)).toBeNull();
    expect(storageFailure('index_not_found', 'Index `x` not found.', 'task 1', null)).toBeNull();
  });

  it('should read ENOSPC and "os error 28" as no space', () => {
    expect(saysNoSpace('ENOSPC', undefined)).toBe(true);
    expect(saysNoSpace(undefined, 'write failed: No space left on device (os error 28)')).toBe(true);
    expect(saysNoSpace('io_error', 'Input/output error (os error 5)')).toBe(false);
  });
});

describe('assertFreeSpace', () => {
  it('should refuse an ingest that clearly cannot fit, naming the folder, what it has and what it needs', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gazette-space-'));
    try {
      expect(() => assertFreeSpace(dataDir, 1024, true)).not.toThrow();
      const huge = 2 ** 50;
      expect(() => assertFreeSpace(dataDir, huge, false)).toThrow(StorageFullError);
      expect(() => assertFreeSpace(dataDir, huge, true)).toThrow(
        new RegExp(
          `^not enough space in ${dataDir}: .+ free, but 1024 TB of input needs at least 21504 TB \\(archive and search index\\); free some space or choose another --data-dir$`,
        ),
      );
      // A data directory that does not exist yet is checked where it will be.
      expect(() => assertFreeSpace(join(dataDir, 'not', 'yet'), huge, true)).toThrow(StorageFullError);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('should add up the sizes of the files to ingest', () => {
    const folder = mkdtempSync(join(tmpdir(), 'gazette-sizes-'));
    try {
      writeFileSync(join(folder, 'a'), 'x'.repeat(10));
      writeFileSync(join(folder, 'b'), 'x'.repeat(5));
      expect(totalSize([join(folder, 'a'), join(folder, 'b'), join(folder, 'missing')])).toBe(15);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('should print sizes in binary units', () => {
    expect([formatBytes(512), formatBytes(4096), formatBytes(49 * 1024 * 1024), formatBytes(3 * 1024 ** 3)]).toEqual([
      '512 B',
      '4.0 KB',
      '49 MB',
      '3.0 GB',
    ]);
  });
});
