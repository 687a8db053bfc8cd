import { createHash } from 'node:crypto';
import { VFile } from 'vfile';
import { measureCoverage } from '../parsers/coverage.js';
import { decodeBytes } from '../parsers/decode.js';
import { TRANSFORMS } from '../parsers/index.js';
import type { GazetteRoot } from '../parsers/nodes.js';
import { parseLines } from '../parsers/plugins/parse-lines.js';
import { simplifiedView } from '../parsers/simplified-view.js';
import { recordsByNode } from '../parsers/to-records.js';

/**
 * Where the parse's time goes: each step of parseGazette on the same bytes (hashing, decoding,
 * the simplified view, line nodes, every transform plugin, coverage, records), the best of
 * `runs`, each against plain decoding and line splitting timed in the same round.
 */
export function parseSteps(bytes: Uint8Array, runs: number): void {
  const best = new Map<string, number>();
  const time = <T>(step: string, work: () => T): T => {
    const start = performance.now();
    const result = work();
    best.set(step, Math.min(best.get(step) ?? Number.POSITIVE_INFINITY, performance.now() - start));
    return result;
  };
  const transforms = TRANSFORMS.map(([name, plugin]) => ({
    name,
    run: (plugin as unknown as () => ((tree: GazetteRoot, file: VFile) => void) | undefined)(),
  }));
  for (let k = 0; k < runs; k++) {
    time('decode + split lines (floor)', () => new TextDecoder('utf-8').decode(bytes).split('\n').length);
    time('sha256', () => createHash('sha256').update(bytes).digest('hex'));
    const raw = time('decode', () => decodeBytes(bytes, 'bench').text);
    const text = time('simplified view', () => simplifiedView(raw));
    const file = new VFile({ path: 'bench', value: text });
    const tree = time('line nodes', () => parseLines(text));
    for (const { name, run } of transforms) if (run) time(name, () => run(tree, file));
    time('coverage', () => measureCoverage(tree, file));
    time('records', () => {
      let count = 0;
      for (const { records } of recordsByNode(tree, { file: 'bench', sha256: '', text: raw })) count += records.length;
      return count;
    });
  }
  const floor = best.get('decode + split lines (floor)')!;
  let total = 0;
  console.log(`  where the parse's time goes (best of ${runs} each, ratio to decode + split):`);
  for (const [step, ms] of best) {
    if (!step.endsWith('(floor)')) total += ms;
    console.log(`    ${step.padEnd(30)} ${ms.toFixed(1).padStart(7)} ms  ${(ms / floor).toFixed(2).padStart(5)}×`);
  }
  console.log(
    `    ${'sum of the steps'.padEnd(30)} ${total.toFixed(1).padStart(7)} ms  ${(total / floor).toFixed(2).padStart(5)}×`,
  );
}
