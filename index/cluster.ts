import { createHash } from 'node:crypto';
import { type Key, type Meilisearch, MeilisearchApiError, MeilisearchRequestError } from 'meilisearch';
import type { SearchDocument } from './documents.js';
import { ensureIndexes } from './ensure-indexes.js';
import { SearchServerError } from './errors.js';
import type { IndexNames } from './index-names.js';
import { resolveIssue } from './issue-identity.js';
import { meiliClient } from './meili-client.js';
import { searchKeyName, searchKeyScope } from './search-key.js';

/*
 * Several Meilisearch servers (README, "Several Meilisearch servers"):
 * - replicas (`MEILI_REPLICAS`): every sync is run on every server, each diffing against what
 *   that server holds (so a replica that missed writes catches up on the next sync of the
 *   issue); reads go to one server and move on to the next when it does not answer, answers
 *   with a 5xx, or takes longer than `GAZETTE_MEILI_ATTEMPT_MS`;
 * - shards (`MEILI_SHARDS`): an issue, its records and its issue document live on one server,
 *   the one that already holds the issue, else the one holding most of the records it shares
 *   with other issues, else the one a stable hash of its id picks; reads are
 *   one remote federated multi-search (Meilisearch's `network` experimental feature) with one
 *   query per server, the facets merged by Meilisearch.
 * Every server uses the same master key (`MEILI_MASTER_KEY`). Meilisearch 1.21's own sharding
 * (`network.sharding`, documents spread by their id) is an Enterprise Edition feature and is not
 * used; neither is any Meilisearch replication (1.21 Community Edition has none).
 */

/** How the servers are used. */
export type ClusterMode = 'replicas' | 'shards';

/** One server of a cluster: its name in the network (shards) and its address. */
export interface ClusterNode {
  name: string;
  url: string;
  /** A client with the master key, for writes and set-up. */
  client: Meilisearch;
}

/** The servers a deployment reads and writes, from `MEILI_REPLICAS` or `MEILI_SHARDS`. */
export interface ClusterSpec {
  mode: ClusterMode;
  nodes: Array<{ name: string; url: string }>;
  masterKey: string | undefined;
}

/** How long one attempt of a read may take on one server before the next is tried (ms). */
export const DEFAULT_ATTEMPT_MS = 5_000;

/**
 * The cluster an environment names, or null (one server or the embedded one). Each variable is
 * a comma-separated list of `URL` or `NAME=URL` (names default to `ms-0`, `ms-1` … in order and
 * must be the same for every process of a deployment, since shards are chosen by position).
 * @throws TypeError when both are given, or a list is empty or malformed
 */
export function clusterSpec(env: NodeJS.ProcessEnv = process.env): ClusterSpec | null {
  const replicas = env.MEILI_REPLICAS?.trim();
  const shards = env.MEILI_SHARDS?.trim();
  if (replicas && shards) throw new TypeError('MEILI_REPLICAS and MEILI_SHARDS: give one of them, not both');
  const list = replicas || shards;
  if (!list) return null;
  const name = replicas ? 'MEILI_REPLICAS' : 'MEILI_SHARDS';
  const nodes = list.split(',').map((item, i) => {
    const entry = item.trim();
    const eq = entry.indexOf('=');
    const [nodeName, url] =
      eq > 0 && !entry.slice(0, eq).includes('/') ? [entry.slice(0, eq), entry.slice(eq + 1)] : [`ms-${i}`, entry];
    if (!/^[A-Za-z0-9_-]+$/.test(nodeName))
      throw new TypeError(`${name}: server name "${nodeName}": expected only letters, digits, - and _`);
    try {
      const parsed = new URL(url);
      if (!/^https?:$/.test(parsed.protocol)) throw new Error();
    } catch {
      throw new TypeError(`${name}: "${url}" is not an http(s) URL`);
    }
    return { name: nodeName, url: url.replace(/\/+$/, '') };
  });
  if (new Set(nodes.map((n) => n.name)).size !== nodes.length) throw new TypeError(`${name}: server names must differ`);
  if (new Set(nodes.map((n) => n.url)).size !== nodes.length)
    throw new TypeError(`${name}: the same URL is given twice`);
  return { mode: replicas ? 'replicas' : 'shards', nodes, masterKey: env.MEILI_MASTER_KEY || undefined };
}

// Clients that stand for a cluster (the connection's client), so that the processor finds where
// to write from the client it was given, with nothing else to pass along.
const clusters = new WeakMap<Meilisearch, IndexCluster>();

/** The cluster a client reads, when it is a cluster's client. */
export function clusterOf(client: Meilisearch): IndexCluster | null {
  return clusters.get(client) ?? null;
}

/**
 * The servers one sync of these documents is written to: every replica; the shard of the issue;
 * the client itself when it is one server.
 */
export async function writeTargets(
  client: Meilisearch,
  names: IndexNames,
  parsedId: string,
  documents: SearchDocument[],
): Promise<Meilisearch[]> {
  const cluster = clusterOf(client);
  return cluster ? cluster.writeTargets(names, parsedId, documents) : [client];
}

/** Several Meilisearch servers used as replicas or shards. */
export class IndexCluster {
  readonly nodes: ClusterNode[];
  /** Reads with the master key, failing over between the servers (the connection's client). */
  readonly client: Meilisearch;

  constructor(
    readonly spec: ClusterSpec,
    readonly attemptMs: number = DEFAULT_ATTEMPT_MS,
  ) {
    this.nodes = spec.nodes.map((node) => ({ ...node, client: meiliClient(node.url, spec.masterKey) }));
    this.client = this.readClient(spec.masterKey);
  }

  get mode(): ClusterMode {
    return this.spec.mode;
  }

  /** The remotes a federated search queries, one per shard; none for replicas (one server answers). */
  get remotes(): string[] | undefined {
    return this.mode === 'shards' ? this.nodes.map((n) => n.name) : undefined;
  }

  /** The shard an issue id falls on by hash (the first 4 bytes of its sha256, modulo the shards). */
  shardOf(issueId: string): number {
    return createHash('sha256').update(issueId).digest().readUInt32BE(0) % this.nodes.length;
  }

  /**
   * Where a sync goes: every replica; for shards, the shard that already holds the issue these
   * documents are a version of (issue identity, asked of every shard), else the shard holding
   * most of these records (held by other issues), else the shard of the parsed id's hash.
   */
  async writeTargets(names: IndexNames, parsedId: string, documents: SearchDocument[]): Promise<Meilisearch[]> {
    if (this.mode === 'replicas') return this.nodes.map((n) => n.client);
    await Promise.all(this.nodes.map((n) => ensureIndexes(n.client, names)));
    const identities = await Promise.all(this.nodes.map((n) => resolveIssue(n.client, names, parsedId, documents)));
    const holding = identities.findIndex(
      (identity) => identity.relation === 'version' || identity.relation === 'partial',
    );
    if (holding >= 0) return [this.nodes[holding]!.client];
    // A file sharing records with issues (the same notice in two gazettes) goes where most of
    // them are, so that they stay one record each (federated search does not merge duplicates).
    const ids = documents.map((d) => d.id);
    const shared = await Promise.all(this.nodes.map((n) => countHeld(n.client, names, ids)));
    const most = shared.indexOf(Math.max(...shared));
    return [this.nodes[shared[most]! > 0 ? most : this.shardOf(parsedId)]!.client];
  }

  /** Creates the indexes and brings their settings up to date on every server. */
  async ensureIndexes(names: IndexNames): Promise<void> {
    await Promise.all(this.nodes.map((n) => ensureIndexes(n.client, names)));
  }

  /**
   * A client with this key that sends each request to one server and, when it cannot be reached,
   * answers with a 5xx, or takes longer than `attemptMs`, to the next (each server in turn
   * first, so reads spread over the replicas). A 4xx is an answer and is not retried.
   */
  readClient(apiKey: string | undefined): Meilisearch {
    const urls = this.nodes.map((n) => `${n.url}/`);
    const downUntil = new Array<number>(urls.length).fill(0);
    let next = 0;
    const attemptMs = this.attemptMs;
    const httpClient = async (
      input: Parameters<typeof fetch>[0],
      init?: Parameters<typeof fetch>[1],
    ): Promise<unknown> => {
      const href = String(input);
      const relative = href.startsWith(urls[0]!)
        ? href.slice(urls[0]!.length)
        : new URL(href).pathname.slice(1) + new URL(href).search;
      const start = next;
      next = (next + 1) % urls.length;
      // Servers that failed lately are tried last.
      const now = Date.now();
      const order = urls
        .map((_, i) => (start + i) % urls.length)
        .sort((a, b) => Number(downUntil[a]! > now) - Number(downUntil[b]! > now));
      let lastError: unknown = null;
      for (const [attempt, at] of order.entries()) {
        const last = attempt === order.length - 1;
        const timeout = AbortSignal.timeout(attemptMs);
        const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
        try {
          const response = await fetch(new URL(relative, urls[at]), { ...init, signal });
          const text = await response.text();
          const body = text === '' ? undefined : JSON.parse(text);
          if (response.status >= 500 && !last) {
            downUntil[at] = Date.now() + 2_000;
            lastError = new MeilisearchApiError(response, body);
            continue;
          }
          if (!response.ok) throw new MeilisearchApiError(response, body);
          downUntil[at] = 0;
          return body;
        } catch (error) {
          if (error instanceof MeilisearchApiError) throw error;
          // The caller's own deadline (the client's timeout) ends every attempt.
          if (init?.signal?.aborted) throw new MeilisearchRequestError(href, error);
          downUntil[at] = Date.now() + 2_000;
          lastError = error;
        }
      }
      throw new MeilisearchRequestError(href, lastError);
    };
    const client = meiliClient(this.nodes[0]!.url, apiKey, httpClient);
    clusters.set(client, this);
    return client;
  }

  /**
   * The API's search-only key (scope as `searchOnlyKey`), the same on every server: created with
   * a uid derived from its name, and Meilisearch derives a key from its uid and the master key,
   * which every server shares.
   */
  async searchKey(names: IndexNames): Promise<string> {
    const name = searchKeyName(names);
    return this.sameKeyEverywhere(uuidOf(`gazette search key: ${name}`), {
      name,
      description: 'search-only key of the gazette API',
      ...searchKeyScope(names),
    });
  }

  /**
   * For shards: turns on the `network` experimental feature of every server and gives each the
   * same network (itself by name, every server as a remote with a search-only key for every
   * index), so any of them can answer a remote federated search. Nothing is written when a
   * server's network is already so.
   */
  async configureNetwork(): Promise<void> {
    if (this.mode !== 'shards') return;
    const key = await this.sameKeyEverywhere(uuidOf('gazette network search key'), {
      name: 'gazette network search',
      description: 'lets the gazette shards search each other (remote federated search)',
      actions: ['search'],
      indexes: ['*'],
    });
    const remotes = Object.fromEntries(this.nodes.map((n) => [n.name, { url: n.url, searchApiKey: key }]));
    await Promise.all(
      this.nodes.map(async (node) => {
        const features = await this.admin<{ network?: boolean }>(node, 'GET', 'experimental-features');
        if (!features.network) await this.admin(node, 'PATCH', 'experimental-features', { network: true });
        const current = await this.admin<{
          self: string | null;
          remotes: Record<string, { url: string; searchApiKey: string | null }>;
        }>(node, 'GET', 'network');
        const same =
          current.self === node.name &&
          Object.keys(current.remotes ?? {}).length === this.nodes.length &&
          this.nodes.every(
            (n) => current.remotes[n.name]?.url === n.url && current.remotes[n.name]?.searchApiKey === key,
          );
        if (same) return;
        // Remotes no longer in the list are removed (null), ours set.
        const removed = Object.fromEntries(
          Object.keys(current.remotes ?? {})
            .filter((r) => !remotes[r])
            .map((r) => [r, null]),
        );
        await this.admin(node, 'PATCH', 'network', { self: node.name, remotes: { ...removed, ...remotes } });
      }),
    );
  }

  /** A key with this uid and scope on every server (made again where it differs); its value. */
  private async sameKeyEverywhere(
    uid: string,
    scope: { name: string; description: string; actions: string[]; indexes: string[] },
  ): Promise<string> {
    const values = await Promise.all(
      this.nodes.map(async (node) => {
        let key: Key | null = null;
        try {
          key = await node.client.getKey(uid);
        } catch (error) {
          if (!(error instanceof MeilisearchApiError && error.cause?.code === 'api_key_not_found')) throw error;
        }
        if (
          key &&
          (!sameSet(key.actions, scope.actions) || !sameSet(key.indexes, scope.indexes) || key.expiresAt !== null)
        ) {
          await node.client.deleteKey(uid);
          key = null;
        }
        key ??= await node.client.createKey({ uid, ...scope, expiresAt: null } as never);
        return key.key;
      }),
    );
    if (new Set(values).size !== 1)
      throw new SearchServerError(
        `the servers of ${this.spec.mode === 'replicas' ? 'MEILI_REPLICAS' : 'MEILI_SHARDS'} derive different keys: they must share one MEILI_MASTER_KEY`,
      );
    return values[0]!;
  }

  private async admin<T = unknown>(node: ClusterNode, method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${node.url}/${path}`, {
      method,
      headers: {
        'Content-Type': 'application/json',
        ...(this.spec.masterKey ? { Authorization: `Bearer ${this.spec.masterKey}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    if (!response.ok)
      throw new SearchServerError(
        `${node.name} (${node.url}): ${method} /${path}: HTTP ${response.status}: ${text.slice(0, 300)}`,
      );
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

/** How many of these record ids an index holds. */
async function countHeld(client: Meilisearch, names: IndexNames, ids: string[]): Promise<number> {
  let held = 0;
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    held += (await client.index(names.records).getDocuments({ ids: chunk, fields: ['id'], limit: chunk.length }))
      .results.length;
  }
  return held;
}

/** A uuid made from a name (so every process and server derives the same). */
function uuidOf(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);
}
