import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Files found under the paths given on the command line, and paths that could not be read. */
export interface CollectedFiles {
  files: string[];
  missing: Array<{ file: string; reason: string }>;
}

/**
 * Expands paths into files: a folder gives its files (recursively, sorted, hidden ones
 * skipped); a file gives itself.
 */
export function collectFiles(paths: string[]): CollectedFiles {
  const result: CollectedFiles = { files: [], missing: [] };
  for (const path of paths) {
    try {
      if (statSync(path).isDirectory()) result.files.push(...filesUnder(path));
      else result.files.push(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      result.missing.push({ file: path, reason: code === 'ENOENT' ? 'no such file or folder' : String(error) });
    }
  }
  return result;
}

function filesUnder(folder: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...filesUnder(path));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}
