import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Files found under the paths given on the command line, and paths that could not be read. */
export interface CollectedFiles {
  files: string[];
  missing: Array<{ file: string; reason: string }>;
}

/**
 * Expands paths into files: a folder gives its files (recursively, sorted, hidden ones
 * skipped), plain-text gazettes and saved web pages side by side; a file gives itself.
 * What a browser saves with a page (the `page_files/` folder beside `page.html`, style sheets,
 * scripts, images, fonts) is no document and is skipped inside folders.
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

/** Files a saved page loads: never a document. */
const PAGE_ASSET = /\.(?:css|js|mjs|map|png|jpe?g|gif|webp|bmp|ico|svg|woff2?|ttf|eot|otf|swf)$/iu;
/** The folder a browser saves a page's assets in: `page_files` (or `page.files`) beside `page.html`. */
const ASSET_FOLDER = /^(.+)[._]files$/u;

function filesUnder(folder: string): string[] {
  const files: string[] = [];
  const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  const names = new Set(entries.map((e) => e.name));
  const isAssetFolder = (name: string) => {
    const page = ASSET_FOLDER.exec(name)?.[1];
    return page !== undefined && ['.html', '.htm', '.shtml', '.xhtml'].some((ext) => names.has(page + ext));
  };
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!isAssetFolder(entry.name)) files.push(...filesUnder(path));
    } else if (entry.isFile() && !PAGE_ASSET.test(entry.name)) files.push(path);
  }
  return files;
}
