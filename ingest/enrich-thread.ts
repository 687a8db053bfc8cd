import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, parentPort, workerData } from 'node:worker_threads';
import type { SearchDocument } from '../index/index.js';
import { ensureLoaded as loadSegmenter } from '../index/segmenter.js';
import type { GazetteRecord } from '../parsers/index.js';

/*
 * Enrichment (jieba's segmentation, most of a worker's CPU after parsing) in a thread of its own.
 * Loading jieba's dictionaries takes seconds of one core: in the thread it runs while the worker
 * starts, connects, reads and parses its first issues; after that an issue is enriched while the
 * next one parses and the last one's writes are sent. One thread per process, whatever the
 * concurrency: each jieba costs 250 MB.
 */

/** The enrichment thread's young generation, in MB (see spawn). */
const YOUNG_GENERATION_MB = 8;
/**
 * The enrichment thread's old generation at first, in MB. The corpus's largest issue (453
 * records) needs more than 16; capped at 32, enriching the corpus three times over peaked 21 MB
 * lower than uncapped (395 against 416 MB), in the same time. A thread that runs out is started
 * again with twice as much, for the rest of the process; what it held fails and is retried.
 */
const OLD_GENERATION_MB = 32;

/** What the thread is asked: one issue's records. */
interface Request {
  id: number;
  records: GazetteRecord[];
}

/** What the thread answers: the documents of a request, or why there are none. */
type Reply = { id: number; documents: SearchDocument[] } | { id: number; error: string };

/** Enriches issues' records in a worker thread that loads jieba as soon as it is started. */
export class EnrichThread {
  private thread: Worker | null = null;
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (d: SearchDocument[]) => void; reject: (e: Error) => void }>();

  private constructor(
    private readonly entry: URL,
    private oldGenerationMb: number,
  ) {
    this.spawn();
  }

  /**
   * Starts the thread (and its loading of jieba), or returns null when this module runs from
   * the TypeScript sources (the tests), where no compiled thread entry exists: enrich in process.
   * @param oldGenerationMb the thread's old generation at first, in MB (doubled each time it runs out)
   */
  static start(entry = new URL(import.meta.url), oldGenerationMb = OLD_GENERATION_MB): EnrichThread | null {
    return existsSync(fileURLToPath(entry)) && entry.pathname.endsWith('.js')
      ? new EnrichThread(entry, oldGenerationMb)
      : null;
  }

  /**
   * The search documents of one issue's records, as enrichRecords (ingest/enrich.ts) gives them.
   * A bound function: a processor is given `thread.enrich` itself.
   */
  readonly enrich = (records: GazetteRecord[]): Promise<SearchDocument[]> => {
    const thread = this.thread ?? this.spawn();
    const id = this.nextId++;
    // Busy, the thread keeps the process alive until it answers; idle, it does not.
    if (this.waiting.size === 0) thread.ref();
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      thread.postMessage({ id, records } satisfies Request);
    });
  };

  /** Stops the thread; what it was still asked fails. */
  async close(): Promise<void> {
    const thread = this.thread;
    this.thread = null;
    await thread?.terminate();
    this.failAll(new Error('enrichment thread closed'));
  }

  private spawn(): Worker {
    // A small young generation: what the thread allocates (jieba's word lists) dies young. 8 MB
    // instead of V8's default took about 10 MB off the process at the same enrichment speed
    // (within noise, the corpus enriched four times each way).
    const thread = new Worker(this.entry, {
      workerData: { role: 'enrich' },
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, maxOldGenerationSizeMb: this.oldGenerationMb },
    });
    thread.unref();
    thread.on('message', (reply: Reply) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (this.waiting.size === 0) thread.unref();
      if ('error' in reply) waiter?.reject(new Error(`enrichment failed: ${reply.error}`));
      else waiter?.resolve(reply.documents);
    });
    // A thread that died (out of memory, a native fault) fails what it held, as a transient
    // error (the jobs are retried); the next request starts a new one, with twice the old
    // generation if it ran out.
    const died = (error: Error & { code?: string }) => {
      if (this.thread !== thread) return;
      this.thread = null;
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') this.oldGenerationMb *= 2;
      this.failAll(error);
    };
    thread.on('error', died);
    thread.on('exit', (code) => died(new Error(`enrichment thread exited with code ${code}`)));
    this.thread = thread;
    return thread;
  }

  private failAll(error: Error): void {
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}

// The thread's side (only in a thread started by EnrichThread, not in any thread that imports
// this module): load jieba first (this module imports only the segmenter), then the rest of the
// enrichment code, then answer requests in order.
if (parentPort && (workerData as { role?: string } | null)?.role === 'enrich') {
  const port = parentPort;
  loadSegmenter();
  const { enrichRecords } = await import('./enrich.js');
  port.on('message', async ({ id, records }: Request) => {
    try {
      port.postMessage({ id, documents: await enrichRecords(records) } satisfies Reply);
    } catch (error) {
      port.postMessage({ id, error: error instanceof Error ? error.message : String(error) } satisfies Reply);
    }
  });
}
