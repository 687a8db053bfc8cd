import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the embedded Meilisearch of a data directory keeps its files, all under `<dataDir>/meili/`. */
export interface MeiliFiles {
  folder: string;
  /** The database (`--db-path`). */
  db: string;
  dumps: string;
  /** The generated master key, mode 0600. */
  key: string;
  /** What the supervisor says is running: {@link ServerRecord}. */
  serverFile: string;
  /** Meilisearch's output (errors only) and the supervisor's, rotated at a few MB. */
  log: string;
}

/** What the supervisor writes to `meili/server.json`; the pids are null once it stopped. */
export interface ServerRecord {
  supervisorPid: number | null;
  meiliPid: number | null;
  /** The server's loopback port, kept across restarts so attached clients keep working. */
  port: number;
  url: string;
}

/** The files of the embedded Meilisearch of `dataDir`. */
export function meiliFiles(dataDir: string): MeiliFiles {
  const folder = join(dataDir, 'meili');
  return {
    folder,
    db: join(folder, 'db'),
    dumps: join(folder, 'dumps'),
    key: join(folder, 'master-key'),
    serverFile: join(folder, 'server.json'),
    log: join(folder, 'meili.log'),
  };
}

/**
 * Creates the folder owner-only (0700; a data directory created on the way gets 0700 too) and
 * tightens it if it was not.
 */
export function prepareFolder(files: MeiliFiles): void {
  mkdirSync(files.folder, { recursive: true, mode: 0o700 });
  if ((statSync(files.folder).mode & 0o077) !== 0) chmodSync(files.folder, 0o700);
}

/** The master key, generated on first use into a file only the owner can read (0600). */
export function readOrCreateKey(path: string): string {
  try {
    const key = readFileSync(path, 'utf8').trim();
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
    return key;
  } catch {
    const key = randomBytes(32).toString('hex');
    try {
      writeFileSync(path, `${key}\n`, { mode: 0o600, flag: 'wx' });
      return key;
    } catch {
      return readFileSync(path, 'utf8').trim(); // written by a concurrent process
    }
  }
}

/** The supervisor's record, or null when there is none (or it is unreadable). */
export function readServerRecord(files: MeiliFiles): ServerRecord | null {
  try {
    const record = JSON.parse(readFileSync(files.serverFile, 'utf8')) as Partial<ServerRecord>;
    if (typeof record.url !== 'string') return null;
    // Records of earlier versions (`ownerPid`, `meiliPid`, `url`) have no port of their own.
    const port = record.port ?? Number(new URL(record.url).port);
    return { supervisorPid: record.supervisorPid ?? null, meiliPid: record.meiliPid ?? null, port, url: record.url };
  } catch {
    return null;
  }
}

/** Replaces the record at once (written aside, then renamed), mode 0600. */
export function writeServerRecord(files: MeiliFiles, record: ServerRecord): void {
  const temporary = `${files.serverFile}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(record)}\n`, { mode: 0o600 });
  renameSync(temporary, files.serverFile);
}

/**
 * The name of the supervisor's socket: an abstract Unix socket (Linux), so that binding it is the
 * election of one supervisor per data directory, and it vanishes with its process. Only
 * liveness and attachment go over it; URL and key are read from the owner-only folder.
 */
export function supervisorSocket(files: MeiliFiles): string {
  const digest = createHash('sha256').update(realpathSync(files.folder)).digest('hex').slice(0, 32);
  return `\0gazette-meili-${digest}`;
}

/** Whether a process runs (a zombie, exited but not reaped, does not count). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/** The command line of a process, arguments joined by spaces, or '' when it cannot be read. */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}
