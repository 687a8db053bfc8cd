import type { VFile } from 'vfile';
import { report } from './diagnostics.js';
import type { GazetteRoot } from './nodes.js';

/** How the file's non-blank lines were used. */
export interface Coverage {
  /** Non-blank lines in the file (a line holding only a TAB counts: it is an empty cell). */
  lines: number;
  /** Lines inside a record: a notice (with everything printed in it) or a chronicle entry. */
  inRecords: number;
  /** Structural lines: file markers, section headings, the chronicle's range line. */
  structure: number;
  /** Lines in no record, each reported as a `residue` warning with a reason. */
  residue: number;
}

function countLines(node: { type: string; children?: unknown[]; text?: string; tab?: boolean }): number {
  if (!node.children) return node.text !== '' || node.tab ? 1 : 0;
  let sum = 0;
  for (const child of node.children as Array<typeof node>) sum += countLines(child);
  return sum;
}

/**
 * Accounts for every non-blank line: inside a record, structural, or residue. Each residue
 * line is reported with the reason it could not be placed.
 */
export function measureCoverage(tree: GazetteRoot, file: VFile): Coverage {
  const coverage: Coverage = { lines: 0, inRecords: 0, structure: 0, residue: 0 };
  // A window after the first (windows.ts) starts with a notice, in the section the one above ended in.
  let seenNotice = file.data.carriedIn !== undefined;
  let section = file.data.carriedIn?.coverageSection ?? 'documents';
  for (const node of tree.children) {
    const n = countLines(node);
    coverage.lines += n;
    if (node.type === 'notice' || node.type === 'event') {
      seenNotice = true;
      coverage.inRecords += n;
    } else if (node.type === 'line') {
      if (n === 0) continue;
      coverage.residue += n;
      const reason = !seenNotice
        ? 'before the first notice'
        : section === 'events'
          ? 'in the chronicle, but not an entry (expected `·M月D日，…`)'
          : 'between notices, with no document number below it';
      report(
        file,
        `Line not part of any record (${reason}): \`${node.text.slice(0, 30)}\``,
        node.position,
        'residue',
        'coverage',
      );
    } else {
      coverage.structure += n;
      if ((node.type === 'sectionHeading' || node.type === 'sectionStart') && node.section) section = node.section;
    }
  }
  file.data.carriedOut = { ...file.data.carriedOut, coverageSection: section };
  return coverage;
}
