import { readFileSync } from 'node:fs';
import { parseGazette } from '../parsers/index.js';

// Run in a fresh process: prints the resident set size after loading the parser (baseline) and
// the peak resident set size after parsing the file given, in bytes, as JSON.
const file = process.argv[2]!;
const baseline = process.memoryUsage().rss;
const result = parseGazette(readFileSync(file), { file });
const peak = process.resourceUsage().maxRSS * 1024;
process.stdout.write(JSON.stringify({ baseline, peak, records: result.records.length }));
