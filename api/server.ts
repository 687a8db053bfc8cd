import type { FastifyInstance } from 'fastify';
import { type IndexNames, RecordSearch, connectSearch, meiliClient, searchOnlyKey } from '../index/index.js';
import { buildApp } from './app.js';

/** The default port of `gazette serve`. */
export const DEFAULT_PORT = 8080;

/** A running API server and what to close. */
export interface RunningServer {
  app: FastifyInstance;
  url: string;
  /** Stops listening, then the embedded Meilisearch if this process started it. Idempotent. */
  close(): Promise<void>;
}

/**
 * Starts the API: connects to Meilisearch (starting the embedded server if needed), searches
 * with a search-only key, and listens.
 */
export async function startServer(options: { dataDir: string; names: IndexNames; port: number; host: string; logger?: boolean }): Promise<RunningServer> {
  const connection = await connectSearch({ dataDir: options.dataDir });
  let closed: Promise<void> | null = null;
  try {
    const key = await searchOnlyKey(connection.client, options.names);
    const searchClient = meiliClient(connection.url, key);
    const app = await buildApp({
      search: new RecordSearch(searchClient, options.names),
      healthy: () => searchClient.health().then(() => true, () => false),
      logger: options.logger ?? true,
    });
    const url = await app.listen({ port: options.port, host: options.host });
    return {
      app,
      url,
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
