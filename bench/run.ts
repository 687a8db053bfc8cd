import { ingestBench } from './ingest-bench.js';
import { parseBench } from './parse-bench.js';
import { searchBench } from './search-bench.js';

// `npm run bench`: every benchmark of the project, printing figures and ratios.
// BENCH_ONLY=parse, ingest or search runs one of them.
const only = process.env.BENCH_ONLY;
if (!only || only === 'parse') parseBench();
if (!only || only === 'ingest') await ingestBench();
if (!only || only === 'search') await searchBench();
