import type { FastifyInstance } from 'fastify';
import {
  type IndexNames,
  RecordSearch,
  connectSearch,
  ensureIndexes,
  meiliClient,
  searchOnlyKey,
} from '../index/index.js';
import { buildApp } from './app.js';

/** A running API server and what to close. */
export interface RunningServer {
  app: FastifyInstance;
  url: string;
  /** The address the feed's ids and links use: `baseUrl` when given, else `url`. */
  baseUrl: string;
  /** Stops listening, then the embedded Meilisearch if this process started it. Idempotent. */
  close(): Promise<void>;
}

/** Options of {@link startServer}. */
export interface ServerOptions {
  dataDir: string;
  names: IndexNames;
  port: number;
  host: string;
  /** The public address of the API (behind a proxy, say); default: the address it listens on. */
  baseUrl?: string;
  /** Where warnings and request errors (5xx) are logged, as JSON lines; default stderr. */
  log?: NodeJS.WritableStream;
  /** Where `MEILI_URL`, `MEILI_REPLICAS`, `MEILI_SHARDS` and `MEILI_MASTER_KEY` are read; default `process.env`. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Starts the API: connects to Meilisearch (starting the embedded server if needed), brings the
 * index settings up to date (exports page through `id`, which must be filterable), searches
 * with a search-only key, and listens.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const connection = await connectSearch({ dataDir: options.dataDir, ...(options.env ? { env: options.env } : {}) });
  let closed: Promise<void> | null = null;
  try {
    const cluster = connection.cluster;
    // Several servers (index/cluster.ts): the same key on each, reads failing over between them.
    if (cluster) await cluster.ensureIndexes(options.names);
    else await ensureIndexes(connection.client, options.names);
    const key = cluster
      ? await cluster.searchKey(options.names)
      : await searchOnlyKey(connection.client, options.names);
    const searchClient = cluster ? cluster.readClient(key) : meiliClient(connection.url, key);
    let baseUrl = options.baseUrl ?? '';
    const app = await buildApp({
      search: new RecordSearch(searchClient, options.names, {
        ...(cluster?.remotes ? { remotes: cluster.remotes } : {}),
      }),
      healthy: () =>
        searchClient.health().then(
          () => true,
          () => false,
        ),
      baseUrl: () => baseUrl,
      logger: { level: 'warn', stream: options.log ?? process.stderr },
    });
    const url = await app.listen({ port: options.port, host: options.host });
    baseUrl ||= url;
    return {
      app,
      url,
      baseUrl,
      close: () => {
        closed ??= app.close().then(() => connection.close());
        return closed;
      },
    };
  } catch (error) {
    await connection.close();
    throw error;
  }
}
