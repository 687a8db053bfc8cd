import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * Temporary folders the test helpers make, removed after each test file (tests/helpers/
 * remove-made-folders.ts, a setup file) whether or not its tests removed them themselves.
 */
const made: string[] = [];

/** A new folder under the system's temporary folder, removed once the test file is done. */
export function madeFolder(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  made.push(folder);
  return folder;
}

/** Removes every folder {@link madeFolder} made so far. */
export function removeMadeFolders(): void {
  for (const folder of made.splice(0)) rmSync(folder, { recursive: true, force: true });
}
