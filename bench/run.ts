import { parseBench } from './parse-bench.js';

// `npm run bench`: every benchmark of the project, printing figures and ratios.
parseBench();
