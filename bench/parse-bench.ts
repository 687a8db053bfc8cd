import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type GazetteRecord, parseGazette } from '../parsers/index.js';
import { LineBuffer } from '../cli/parse-command.js';
import { parseSteps } from './parse-steps.js';
import { repeatCorpus } from './repeat-corpus.js';

const MB = 1024 * 1024;
const GNU_TIME = '/usr/bin/time';

/**
 * The best (lowest) time in milliseconds of `runs` runs of each piece of work, run in turn (a,
 * b, a, b …) so that the load of a shared machine weighs on each alike and the ratio holds.
 */
function bestInTurn(runs: number, ...works: Array<() => unknown>): number[] {
  const fastest = works.map(() => Number.POSITIVE_INFINITY);
  for (let k = 0; k < runs; k++) {
    works.forEach((work, i) => {
      const start = performance.now();
      work();
      fastest[i] = Math.min(fastest[i]!, performance.now() - start);
    });
  }
  return fastest;
}

/** Plain UTF-8 decoding and line splitting of `bytes`, the floor a parser is compared with. */
function decodeAndSplit(bytes: Uint8Array): () => number {
  const decoder = new TextDecoder('utf-8');
  return () => decoder.decode(bytes).split('\n').length;
}

/** Peak memory of a fresh process that parses `file` (see parse-memory.ts for the modes). */
function measureMemory(file: string, mode: 'whole' | 'streaming'): { baseline: number; peak: number } {
  const child = spawnSync(process.execPath, [join(import.meta.dirname, 'parse-memory.js'), file, mode], {
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`memory probe failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as { baseline: number; peak: number };
}

/**
 * `gazette parse FILE > /dev/null` as a user runs it (process start included): wall time, and
 * peak RSS when GNU time is there to measure the child (null otherwise).
 */
function runCli(file: string): { ms: number; peak: number | null } {
  const main = join(import.meta.dirname, '..', 'cli', 'main.js');
  const devNull = openSync('/dev/null', 'w');
  const timed = existsSync(GNU_TIME);
  const command = timed ? GNU_TIME : process.execPath;
  const args = timed
    ? ['-f', '%M', process.execPath, main, 'parse', '--quiet', file]
    : [main, 'parse', '--quiet', file];
  const start = performance.now();
  const child = spawnSync(command, args, { stdio: ['ignore', devNull, 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - start;
  closeSync(devNull);
  if (child.status !== 0) throw new Error(`gazette parse failed: ${child.stderr}`);
  const kb = timed ? Number(child.stderr.trim().split('\n').at(-1)) : Number.NaN;
  return { ms, peak: Number.isFinite(kb) ? kb * 1024 : null };
}

/** The records as JSON Lines in UTF-8, encoded as `gazette parse` encodes them (its LineBuffer), not written: bytes out. */
function serialiseLines(records: readonly GazetteRecord[]): number {
  let total = 0;
  const output = new LineBuffer((bytes) => {
    total += bytes.length;
  });
  for (const record of records) output.add(`${JSON.stringify(record)}\n`);
  output.flush();
  return total;
}

function rate(size: number, ms: number): string {
  return `${ms.toFixed(0).padStart(6)} ms  ${(size / (ms / 1000)).toFixed(1).padStart(6)} MB/s`;
}

function writeRepeated(dir: string, minBytes: number): { file: string; bytes: Buffer; size: number } {
  const { bytes, copies } = repeatCorpus(minBytes);
  const file = join(dir, `corpus-x${copies}.txt`);
  writeFileSync(file, bytes);
  console.log(`parse: ${file} (${(bytes.length / MB).toFixed(1)} MB, corpus repeated ${copies}×)`);
  return { file, bytes, size: bytes.length / MB };
}

/**
 * Parse throughput on the corpus repeated to at least 20 MB, in process, against plain UTF-8
 * decoding and line splitting of the same bytes in the same run; `gazette parse` end to end on
 * at least 40 MB against the same floor; peak memory of both against the input size.
 */
export function parseBench(): void {
  const dir = mkdtempSync(join(tmpdir(), 'gazette-bench-'));
  try {
    const small = writeRepeated(dir, 20 * MB);
    let records: GazetteRecord[] = [];
    const [floor, parse] = bestInTurn(5, decodeAndSplit(small.bytes), () => {
      records = parseGazette(small.bytes, { file: small.file }).records;
    }) as [number, number];
    let output = 0;
    const [serialise] = bestInTurn(3, () => {
      output = serialiseLines(records);
    }) as [number];
    console.log(`  decode + split lines  ${rate(small.size, floor)}`);
    console.log(`  parse to records      ${rate(small.size, parse)}  (${records.length} records, in process)`);
    console.log(`  ratio parse / decode  ${(parse / floor).toFixed(2)}×   (target ≤ 3×)`);
    console.log(
      `  JSON Lines of them    ${rate(small.size, serialise)}  (${(output / MB).toFixed(0)} MB out, ${(output / small.bytes.length).toFixed(1)}× the input; ${(serialise / floor).toFixed(2)}× decode + split: what \`gazette parse\` adds to the parse at least)`,
    );
    records = [];
    parseSteps(small.bytes, 3);
    const whole = measureMemory(small.file, 'whole');
    console.log(
      `  peak RSS, all records kept  ${(whole.peak / MB).toFixed(0).padStart(5)} MB  ${(whole.peak / small.bytes.length).toFixed(2)}× the input  (process baseline ${(whole.baseline / MB).toFixed(0)} MB)`,
    );

    const large = writeRepeated(dir, 40 * MB);
    const floorOfLarge = decodeAndSplit(large.bytes);
    const runs: Array<ReturnType<typeof runCli>> = [];
    const [largeFloor] = bestInTurn(2, floorOfLarge, () => runs.push(runCli(large.file))) as [number, number];
    const cli = runs.sort((a, b) => a.ms - b.ms)[0]!;
    const streaming = measureMemory(large.file, 'streaming');
    const limit = Math.max(3 * large.bytes.length, 300 * MB);
    console.log(`  decode + split lines  ${rate(large.size, largeFloor)}`);
    console.log(`  gazette parse > null  ${rate(large.size, cli.ms)}  (best of 2, process start included)`);
    console.log(`  ratio cli / decode    ${(cli.ms / largeFloor).toFixed(2)}×   (target ≤ 4×)`);
    if (cli.peak !== null)
      console.log(
        `  peak RSS, gazette parse    ${(cli.peak / MB).toFixed(0).padStart(5)} MB  ${(cli.peak / large.bytes.length).toFixed(2)}× the input  (target ≤ ${(limit / MB).toFixed(0)} MB)`,
      );
    console.log(
      `  peak RSS, streaming parse  ${(streaming.peak / MB).toFixed(0).padStart(5)} MB  ${(streaming.peak / large.bytes.length).toFixed(2)}× the input  (parser alone, process baseline ${(streaming.baseline / MB).toFixed(0)} MB)`,
    );

    // A file far larger than any issue (BENCH_PARSE_LARGE_MB, 0 to skip): read window by window,
    // its memory should stay within the target however large it is.
    const hugeMb = Number(process.env.BENCH_PARSE_LARGE_MB ?? 200);
    if (hugeMb > 0) {
      rmSync(large.file);
      const huge = writeRepeated(dir, hugeMb * MB);
      const [hugeFloor] = bestInTurn(1, decodeAndSplit(huge.bytes)) as [number];
      const run = runCli(huge.file);
      const hugeLimit = Math.max(3 * huge.bytes.length, 300 * MB);
      console.log(`  decode + split lines  ${rate(huge.size, hugeFloor)}`);
      console.log(`  gazette parse > null  ${rate(huge.size, run.ms)}  (once, process start included)`);
      console.log(`  ratio cli / decode    ${(run.ms / hugeFloor).toFixed(2)}×`);
      if (run.peak !== null)
        console.log(
          `  peak RSS, gazette parse    ${(run.peak / MB).toFixed(0).padStart(5)} MB  ${(run.peak / huge.bytes.length).toFixed(2)}× the input  (target ≤ ${(hugeLimit / MB).toFixed(0)} MB)`,
        );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
