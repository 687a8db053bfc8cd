import { readFileSync } from 'node:fs';
import { parseGazette, parseGazetteStreaming } from '../parsers/index.js';

// Run in a fresh process: prints the resident set size after loading the parser (baseline) and
// the peak resident set size after parsing the file given, in bytes, as JSON. `whole` keeps
// every record and the tree (parseGazette, as ingest does); `streaming` serialises each
// notice's records and lets them go (parseGazetteStreaming, as `gazette parse` does).
const [file, mode = 'whole'] = process.argv.slice(2) as [string, string?];
const baseline = process.memoryUsage().rss;
let records = 0;
if (mode === 'streaming') {
  let bytes: Buffer | undefined = readFileSync(file);
  const take = () => {
    const taken = bytes!;
    bytes = undefined;
    return taken;
  };
  // Serialised as gazette parse does, so the memory of the JSON Lines is counted; then let go.
  let printed = 0;
  parseGazetteStreaming(take, { file }, (batch) => {
    for (const record of batch) printed += JSON.stringify(record).length;
    records += batch.length;
  });
  if (printed === 0 && records > 0) throw new Error('records serialised to nothing');
} else {
  records = parseGazette(readFileSync(file), { file }).records.length;
}
const peak = process.resourceUsage().maxRSS * 1024;
process.stdout.write(JSON.stringify({ baseline, peak, records }));
