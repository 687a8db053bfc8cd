import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { StorageFullError } from '../index/errors.js';
import { ArchiveMissError } from './errors.js';

/** What the archive remembers of one stored file besides its bytes. */
export interface ArchiveEntry {
  sha256: string;
  /** Names the bytes were given under, in order of first ingestion. */
  names: string[];
  /** Milliseconds since the epoch of the last time these bytes were ingested. */
  lastIngestedAt: number;
}

/**
 * The raw-bytes archive: every ingested file kept as given, content-addressed by sha256 under
 * `<dataDir>/archive/<first two hex digits>/`. Bytes are written once (to a temporary name,
 * then renamed, so a crash never leaves half a file) and never rewritten. Folders are owner-only
 * (0700), files 0600: gazettes may be public, but what a deployment ingested is its own business.
 */
export class Archive {
  private rootReady = false;

  constructor(readonly root: string) {}

  /**
   * Stores a file's bytes (once) and records the name it was given.
   * @returns the sha256 of the bytes
   */
  store(bytes: Uint8Array, name: string, now = Date.now()): string {
    return this.storeBytes(bytes, name, now).sha256;
  }

  /**
   * {@link store}, saying whether the archive held the bytes before.
   * @returns the sha256 of the bytes, and `isNew` when they were never stored before
   */
  storeBytes(bytes: Uint8Array, name: string, now = Date.now()): { sha256: string; isNew: boolean } {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const folder = join(this.root, sha256.slice(0, 2));
    this.prepareRoot();
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const raw = join(folder, `${sha256}.raw`);
    const isNew = !this.has(sha256);
    if (isNew) writeAtomically(raw, bytes);
    const entry = this.entry(sha256) ?? { sha256, names: [], lastIngestedAt: now };
    if (!entry.names.includes(name)) entry.names.push(name);
    entry.lastIngestedAt = now;
    writeAtomically(join(folder, `${sha256}.json`), `${JSON.stringify(entry, null, 2)}\n`);
    return { sha256, isNew };
  }

  /** Creates the root owner-only (and the data directory, if it has to), or tightens it once. */
  private prepareRoot(): void {
    if (this.rootReady) return;
    mkdirSync(this.root, { recursive: true, mode: 0o700 });
    if ((statSync(this.root).mode & 0o077) !== 0) chmodSync(this.root, 0o700);
    this.rootReady = true;
  }

  /** Whether the archive holds these bytes. */
  has(sha256: string): boolean {
    return existsSync(join(this.root, sha256.slice(0, 2), `${sha256}.raw`));
  }

  /**
   * The stored bytes, checked against their sha256.
   * @throws ArchiveMissError when they are missing or do not match
   */
  read(sha256: string): Buffer {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(this.root, sha256.slice(0, 2), `${sha256}.raw`));
    } catch {
      throw new ArchiveMissError(
        `archive ${this.root}: no file with sha256 ${sha256}; is the data directory shared with this worker?`,
      );
    }
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== sha256)
      throw new ArchiveMissError(`archive ${this.root}: ${sha256}.raw is damaged (its sha256 is ${actual})`);
    return bytes;
  }

  /** What the archive knows of these bytes, or null. */
  entry(sha256: string): ArchiveEntry | null {
    try {
      return JSON.parse(readFileSync(join(this.root, sha256.slice(0, 2), `${sha256}.json`), 'utf8')) as ArchiveEntry;
    } catch {
      return null;
    }
  }

  /** Every stored file. */
  list(): ArchiveEntry[] {
    const entries: ArchiveEntry[] = [];
    let folders: string[];
    try {
      folders = readdirSync(this.root);
    } catch {
      return entries;
    }
    for (const folder of folders.sort()) {
      for (const name of readdirSync(join(this.root, folder)).sort()) {
        const match = /^([0-9a-f]{64})\.raw$/.exec(name);
        const entry = match ? this.entry(match[1]!) : null;
        if (entry) entries.push(entry);
      }
    }
    return entries;
  }
}

function writeAtomically(path: string, content: Uint8Array | string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, content, { mode: 0o600 });
  } catch (error) {
    rmSync(temporary, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EDQUOT')
      throw new StorageFullError(
        path,
        `no space left on device: cannot write ${path} (${code}); free some space and ingest again`,
        { cause: error },
      );
    throw error;
  }
  renameSync(temporary, path);
}
