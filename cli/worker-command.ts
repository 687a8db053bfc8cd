import { Worker } from 'node:worker_threads';
import { redactCredentials } from '../ingest/redact-credentials.js';
import { onTermination } from './on-termination.js';
import type { ServiceOptions } from './service-options.js';
import { UsageError } from './usage-error.js';
import type { StopMessage } from './worker-run.js';

// This module is the process's main thread: it loads no more than it needs to start the worker's
// thread (worker-run.ts, which loads the queue, the index client and the parser), so that the
// thread's heap is most of the process's.

/** Options of `gazette worker`. */
export interface WorkerCommandOptions extends ServiceOptions {
  concurrency: string;
}

/**
 * The worker thread's young generation, in MB (V8's default is 3 × 16 MB semi-spaces): what a
 * worker allocates while parsing and enriching dies young.
 */
const YOUNG_GENERATION_MB = 12;

/**
 * The worker thread's old generation, in MB, for each parsing slot. Uncapped, V8 let it grow
 * with garbage: 100 issues through 2 workers took a worker's heap to 138 MB (111 MB with small
 * semi-spaces alone) and its peak RSS past 512 MB beside jieba's 250 MB; capped, the heap
 * peaked at 63 MB (54 MB used) and the workers at 454–478 MB, at a throughput within the noise.
 * A thread that runs out (an issue far larger than any gazette) is started again with twice as
 * much, and its jobs run again. `GAZETTE_WORKER_HEAP_MB` sets another figure.
 */
const OLD_GENERATION_MB_PER_SLOT = 96;

/**
 * `gazette worker`: processes ingest jobs until SIGINT or SIGTERM, then closes the worker
 * (letting active jobs finish), its connection and the search server, in that order. Compiled,
 * the worker runs in a thread whose heap is capped (above); from the TypeScript sources (the
 * tests), in process.
 * @returns 0 after a clean shutdown, 1 when Redis does not answer at start
 */
export async function workerCommand(options: WorkerCommandOptions): Promise<number> {
  const concurrency = Number(options.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new UsageError(`--concurrency "${options.concurrency}": expected a whole number ≥ 1`);
  const entry = new URL('./worker-run.js', import.meta.url);
  if (!import.meta.url.endsWith('.js')) {
    const { runWorker } = await import('./worker-run.js');
    return runWorker(
      options,
      new Promise((resolve) => {
        const release = onTermination((signal) => {
          release();
          resolve(signal);
        });
      }),
    );
  }
  const perSlot = Number(process.env.GAZETTE_WORKER_HEAP_MB) || OLD_GENERATION_MB_PER_SLOT;
  return runInThread(entry, options, concurrency * perSlot);
}

/**
 * Runs the worker in a thread with a capped heap; relays the first SIGINT or SIGTERM to it and
 * resolves with its exit code once it has closed. A thread that ran out of memory is started
 * again with twice the old generation (its jobs stalled, and run again on some worker).
 */
function runInThread(entry: URL, options: WorkerCommandOptions, oldGenerationMb: number): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    let thread: Worker;
    const start = (oldMb: number) => {
      let failure: (Error & { code?: string }) | null = null;
      thread = new Worker(entry, {
        workerData: { role: 'worker', options },
        resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, maxOldGenerationSizeMb: oldMb },
      });
      thread.on('error', (error) => {
        failure = error;
      });
      thread.on('exit', (code) => {
        if (failure?.code === 'ERR_WORKER_OUT_OF_MEMORY' && !stopping) {
          process.stderr.write(
            `worker ${process.pid}: out of memory with a ${oldMb} MB heap; starting again with ${2 * oldMb} MB\n`,
          );
          start(2 * oldMb);
          return;
        }
        // The thread reports its own errors (worker-run.ts); one it could not (a fault) is a bug.
        if (failure)
          process.stderr.write(`gazette: internal error: ${redactCredentials(String(failure.stack ?? failure))}\n`);
        release();
        resolve(failure ? 1 : code);
      });
    };
    const release = onTermination((signal) => {
      stopping = true;
      thread.postMessage({ stop: signal } satisfies StopMessage);
    });
    start(oldGenerationMb);
  });
}
