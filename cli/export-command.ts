import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { toMarkdown } from '../parsers/to-markdown.js';
import { formatMessage } from '../parsers/format-message.js';
import { parseFile } from './read-input.js';

/** Options of `gazette export`. */
export interface ExportCommandOptions {
  format: string;
  out?: string;
}

/** A file name for a notice's copy: its number or title, made safe for any file system. */
function safeName(name: string): string {
  return name.replace(/[\\/:*?"<>|\s]+/gu, '_').slice(0, 80);
}

/**
 * `gazette export --format markdown FILE...`: a Markdown copy of every notice, on stdout
 * (separated by rules) or, with --out DIR, one file per notice.
 * @returns the exit code: 0 on success, 1 when a file failed, 2 for an unknown format
 */
export function exportCommand(files: string[], options: ExportCommandOptions): number {
  if (options.format !== 'markdown') {
    process.stderr.write(`gazette export: unknown format '${options.format}', expected 'markdown'\n`);
    return 2;
  }
  let code = 0;
  for (const file of files) {
    const result = parseFile(file);
    if (!result) {
      code = 1;
      continue;
    }
    for (const message of result.messages) if (message.fatal) process.stderr.write(`${formatMessage(file, message)}\n`);
    const docs = toMarkdown(result.tree);
    if (!options.out) {
      process.stdout.write(docs.map((d) => d.markdown).join('\n---\n\n'));
      continue;
    }
    const dir = join(options.out, basename(file).replace(/\.[^.]+$/u, ''));
    mkdirSync(dir, { recursive: true });
    for (const [k, doc] of docs.entries())
      writeFileSync(join(dir, `${String(k + 1).padStart(2, '0')}-${safeName(doc.name)}.md`), doc.markdown);
    process.stderr.write(`${file}: wrote ${docs.length} Markdown files to ${dir}\n`);
  }
  return code;
}
