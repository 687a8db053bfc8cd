import { clusterBench } from './cluster-bench.js';
import { ingestBench } from './ingest-bench.js';
import { parseBench } from './parse-bench.js';
import { searchBench } from './search-bench.js';

// `npm run bench`: every benchmark of the project, printing figures and ratios.
// BENCH_ONLY=parse, ingest, search or cluster runs one of them.
const only = process.env.BENCH_ONLY;
if (!only || only === 'parse') parseBench();
if (!only || only === 'ingest') await ingestBench();
if (!only || only === 'search') await searchBench();
if (!only || only === 'cluster') await clusterBench();
