import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseGazette } from '../parsers/index.js';
import { repeatCorpus } from './repeat-corpus.js';

const MB = 1024 * 1024;

/** The best (lowest) time of `runs` runs of `work`, in milliseconds. */
function best(runs: number, work: () => unknown): number {
  let fastest = Number.POSITIVE_INFINITY;
  for (let k = 0; k < runs; k++) {
    const start = performance.now();
    work();
    fastest = Math.min(fastest, performance.now() - start);
  }
  return fastest;
}

/** Peak memory of a fresh process that parses `file`, measured by the process itself. */
function measureMemory(file: string): { baseline: number; peak: number } {
  const child = spawnSync(process.execPath, [join(import.meta.dirname, 'parse-memory.js'), file], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`memory probe failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as { baseline: number; peak: number };
}

/**
 * Parse throughput on the corpus repeated to at least 20 MB, against plain UTF-8 decoding and
 * line splitting of the same bytes in the same run; and peak memory against the input size.
 */
export function parseBench(): void {
  const { bytes, copies } = repeatCorpus(20 * MB);
  const dir = mkdtempSync(join(tmpdir(), 'gazette-bench-'));
  const file = join(dir, `corpus-x${copies}.txt`);
  writeFileSync(file, bytes);
  const size = bytes.length / MB;
  console.log(`parse: ${file} (${size.toFixed(1)} MB, corpus repeated ${copies}×)`);

  const decoder = new TextDecoder('utf-8');
  const baseline = best(5, () => decoder.decode(bytes).split('\n').length);
  let records = 0;
  const parse = best(5, () => {
    records = parseGazette(bytes, { file }).records.length;
  });
  console.log(`  decode + split lines  ${baseline.toFixed(0).padStart(6)} ms  ${(size / (baseline / 1000)).toFixed(1).padStart(6)} MB/s`);
  console.log(`  parse to records      ${parse.toFixed(0).padStart(6)} ms  ${(size / (parse / 1000)).toFixed(1).padStart(6)} MB/s  (${records} records)`);
  console.log(`  ratio parse / decode  ${(parse / baseline).toFixed(2)}×   (target ≤ 3×)`);

  const memory = measureMemory(file);
  const growth = memory.peak - memory.baseline;
  console.log(`  peak RSS              ${(memory.peak / MB).toFixed(0).padStart(6)} MB  (process baseline ${(memory.baseline / MB).toFixed(0)} MB)`);
  console.log(`  peak growth / input   ${(growth / bytes.length).toFixed(2)}×   (target ≤ 10×)`);
  rmSync(dir, { recursive: true, force: true });
}
