import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** corpus/ at the top of the project, from the source or from the build in dist/. */
function corpusDir(): string {
  const up = import.meta.dirname.includes(`${join('dist', 'bench')}`) ? ['..', '..'] : ['..'];
  return join(import.meta.dirname, ...up, 'corpus');
}

/** The raw bytes of every issue in corpus/, in name order. */
export function corpusIssues(dir = corpusDir()): Buffer[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(join(dir, f)));
}

/** The corpus repeated, issue after issue (each ending in a line break), until `minBytes` is reached. */
export function repeatCorpus(minBytes: number): { bytes: Buffer; copies: number } {
  const issues = corpusIssues().map((b) => (b.at(-1) === 0x0a ? b : Buffer.concat([b, Buffer.from('\n')])));
  const one = Buffer.concat(issues);
  const copies = Math.ceil(minBytes / one.length);
  return { bytes: Buffer.concat(Array.from({ length: copies }, () => one)), copies };
}
