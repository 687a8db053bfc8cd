import type { Meilisearch } from 'meilisearch';
import { IndexCluster, clusterSpec } from './cluster.js';
import { meiliClient } from './meili-client.js';
import { meiliFiles } from './meili-files.js';
import { EmbeddedMeili } from './meili-server.js';
import { watchStorage } from './storage.js';

/** A Meilisearch client and what to close when done. */
export interface SearchConnection {
  client: Meilisearch;
  url: string;
  /** The embedded server, when no `MEILI_URL` was given. */
  embedded: EmbeddedMeili | null;
  /** The servers of `MEILI_REPLICAS` or `MEILI_SHARDS` (then `client` reads through them all), else null. */
  cluster: IndexCluster | null;
  /** Detaches from the embedded server (which stops once no process is attached). Idempotent. */
  close(): Promise<void>;
}

/** Where to find Meilisearch. */
export interface ConnectOptions {
  /** The project's data directory (the embedded server keeps its files under `meili/`). */
  dataDir: string;
  /** Defaults to `process.env`: `MEILI_URL` and `MEILI_MASTER_KEY` select an external server. */
  env?: NodeJS.ProcessEnv;
}

/**
 * With `MEILI_REPLICAS` or `MEILI_SHARDS`, reads through those servers (index/cluster.ts; the
 * shards' network configured) and writes to them through the processor. Else connects to the server `MEILI_URL` names (with `MEILI_MASTER_KEY`), starting nothing; without
 * it, attaches to the embedded server of the data directory, starting it if needed. Writes to
 * the embedded server are checked against the free space of its database folder when they fail.
 */
export async function connectSearch(options: ConnectOptions): Promise<SearchConnection> {
  const env = options.env ?? process.env;
  const spec = clusterSpec(env);
  if (spec) {
    const attempt = Number(env.GAZETTE_MEILI_ATTEMPT_MS);
    const cluster = new IndexCluster(spec, Number.isFinite(attempt) && attempt > 0 ? attempt : undefined);
    await cluster.configureNetwork();
    return { client: cluster.client, url: spec.nodes[0]!.url, embedded: null, cluster, close: async () => {} };
  }
  if (env.MEILI_URL) {
    const client = meiliClient(env.MEILI_URL, env.MEILI_MASTER_KEY || undefined);
    return { client, url: env.MEILI_URL, embedded: null, cluster: null, close: async () => {} };
  }
  const embedded = await EmbeddedMeili.open(options.dataDir);
  watchStorage(meiliFiles(options.dataDir).db);
  const client = meiliClient(embedded.url, embedded.masterKey);
  return { client, url: embedded.url, embedded, cluster: null, close: () => embedded.close() };
}
