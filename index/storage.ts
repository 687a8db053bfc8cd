import { existsSync, statSync, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { StorageFullError } from './errors.js';

/** Below this many free bytes, a write that failed or stalls is put down to a full disk. */
export const LOW_SPACE_BYTES = 16 * 1024 * 1024;

/**
 * What an ingest needs at least, per byte of input, in the embedded Meilisearch: the corpus
 * (724 KB) takes 49 MB there, so 20× is a floor that is clearly too little, not an estimate.
 */
const INDEX_BYTES_PER_INPUT_BYTE = 20;
const INDEX_BASE_BYTES = 32 * 1024 * 1024;

// Folders of the Meilisearch databases this process writes to (the embedded server's).
const watched = new Set<string>();

/**
 * Remembers that this process's writes land in `path`, so that a failed or stalled write can be
 * checked against the free space there.
 * @param path the embedded server's database folder
 */
export function watchStorage(path: string): void {
  watched.add(path);
}

/**
 * Free bytes for an unprivileged writer on the file system holding `path` (or its nearest
 * existing parent), or null when it cannot be read.
 */
export function freeBytes(path: string): number | null {
  let existing = path;
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  try {
    const stats = statfsSync(existing);
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}

/** The first watched folder with less than {@link LOW_SPACE_BYTES} free, with its free bytes, or null. */
export function lowStorage(): { path: string; free: number } | null {
  for (const path of watched) {
    const free = freeBytes(path);
    if (free !== null && free < LOW_SPACE_BYTES) return { path, free };
  }
  return null;
}

/** Whether an error code and message of Meilisearch (or of the OS) say in so many words that a disk is full. */
export function saysNoSpace(code: string | undefined, message: string | undefined): boolean {
  return (
    code === 'no_space_left_on_device' || code === 'ENOSPC' || /no space left|os error 28|ENOSPC/i.test(message ?? '')
  );
}

/**
 * Codes of writes that a full disk breaks without saying so: a payload that could not be stored
 * whole reads back `malformed_payload` ("trailing characters"), LMDB reports EIO as `io_error`,
 * and a batch that failed for want of space can leave its tasks `processing` for good (our
 * `task_timeout`).
 */
const SYMPTOM_CODES = new Set(['malformed_payload', 'io_error', 'internal', 'task_timeout']);

/**
 * Whether Meilisearch read back a payload shorter than we sent: our client writes whole JSON,
 * so a stored copy that ends mid-document was cut by the disk, even when the space its partial
 * copy took is free again by the time we look (a batch of several megabytes frees that much).
 */
function payloadCutShort(code: string | undefined, message: string | undefined): boolean {
  return code === 'malformed_payload' && /trailing characters|EOF while parsing/i.test(message ?? '');
}

/** The first watched folder with its free bytes, or null. */
function watchedFree(): { path: string; free: number } | null {
  for (const path of watched) {
    const free = freeBytes(path);
    if (free !== null) return { path, free };
  }
  return null;
}

/**
 * Names a Meilisearch failure a {@link StorageFullError} when it is one: its code or message
 * says so, or it is a symptom of a full disk and a watched folder is short of space (or the
 * payload was cut short, which only a full disk does).
 * @param code the server's error code
 * @param detail what failed, for the message: `index "x", task 12: malformed_payload: …`
 * @param low the watched folder short of space, if any (found with {@link lowStorage})
 * @returns the error to throw instead, or null when storage is not the cause
 */
export function storageFailure(
  code: string | undefined,
  message: string | undefined,
  detail: string,
  low = lowStorage() ?? (payloadCutShort(code, message) ? watchedFree() : null),
): StorageFullError | null {
  if (low) {
    if (!saysNoSpace(code, message) && !SYMPTOM_CODES.has(code ?? '')) return null;
    return new StorageFullError(
      low.path,
      `no space left on device: ${low.path} has ${formatBytes(low.free)} free (${detail}); free some space, then run \`gazette retry\` or ingest again`,
    );
  }
  if (!saysNoSpace(code, message)) return null;
  const path = [...watched][0] ?? null;
  const where = path ? `${path} (the search database)` : 'the Meilisearch server';
  return new StorageFullError(
    path,
    `no space left on device: ${where} (${detail}); free some space, then run \`gazette retry\` or ingest again`,
  );
}

/**
 * Refuses an ingest that clearly cannot fit: the archive needs the input's bytes, the embedded
 * search database at least 32 MB plus 20 times them.
 * @param dataDir the data directory
 * @param inputBytes the total size of the files to ingest
 * @param embedded whether the search database lives in the data directory too
 * @throws StorageFullError naming the data directory, what it has and what it needs
 */
export function assertFreeSpace(dataDir: string, inputBytes: number, embedded: boolean): void {
  const free = freeBytes(dataDir);
  if (free === null) return;
  const needed = inputBytes + (embedded ? INDEX_BASE_BYTES + INDEX_BYTES_PER_INPUT_BYTE * inputBytes : 0);
  if (free < needed) {
    throw new StorageFullError(
      dataDir,
      `not enough space in ${dataDir}: ${formatBytes(free)} free, but ${formatBytes(inputBytes)} of input needs at least ${formatBytes(needed)}` +
        `${embedded ? ' (archive and search index)' : ' (archive)'}; free some space or choose another --data-dir`,
    );
  }
}

/** The total size of files (those that cannot be read count 0). */
export function totalSize(files: string[]): number {
  let total = 0;
  for (const file of files) {
    try {
      total += statSync(file).size;
    } catch {
      // reported as missing by whoever reads it
    }
  }
  return total;
}

/** Bytes as `12.3 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
