import { closeSync, fstatSync, openSync, renameSync, writeSync } from 'node:fs';

/** The size at which the log is rotated: at most this much in `meili.log`, as much again in `meili.log.1`. */
export const LOG_MAX_BYTES = 4 * 1024 * 1024;

/**
 * An append-only log file (mode 0600) that never grows past a bound: once it would, it becomes
 * `<path>.1` (replacing the previous one) and a new file is started.
 */
export class BoundedLog {
  private fd: number | null;
  private size: number;

  /**
   * @param path the log file, appended to if it exists
   * @param maxBytes the size at which it is rotated
   */
  constructor(
    readonly path: string,
    private readonly maxBytes = LOG_MAX_BYTES,
  ) {
    this.fd = openSync(path, 'a', 0o600);
    this.size = fstatSync(this.fd).size;
  }

  /** Appends bytes as they come (a child's output), rotating first if they would not fit. */
  write(chunk: Uint8Array | string): void {
    if (this.fd === null) return;
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (this.size > 0 && this.size + bytes.length > this.maxBytes) this.rotate();
    const fitting = bytes.length > this.maxBytes ? bytes.subarray(bytes.length - this.maxBytes) : bytes;
    try {
      if (this.fd === null) return;
      writeSync(this.fd, fitting);
      this.size += fitting.length;
    } catch {
      // a full disk must not stop the supervisor; the line is lost
    }
  }

  /** Appends one line, stamped with the time. */
  line(text: string): void {
    this.write(`${new Date().toISOString()} ${text}\n`);
  }

  /** Closes the file. Idempotent. */
  close(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
  }

  private rotate(): void {
    closeSync(this.fd!);
    this.fd = null;
    try {
      renameSync(this.path, `${this.path}.1`);
    } catch {
      // gone already: start afresh all the same
    }
    try {
      this.fd = openSync(this.path, 'a', 0o600);
      this.size = fstatSync(this.fd).size;
    } catch {
      // no room for a new file: the log stays closed rather than grow
    }
  }
}
