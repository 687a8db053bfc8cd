import type { Meilisearch } from 'meilisearch';
import type { IndexNames } from './index-names.js';

/**
 * A key that can only search the deployment's indexes, created once (with the master key) and
 * reused; the API searches with it so the master key never serves a query.
 */
export async function searchOnlyKey(admin: Meilisearch, names: IndexNames): Promise<string> {
  const prefix = names.records.replace(/-records$/, '');
  const name = `gazette search (${prefix})`;
  const keys = await admin.getKeys({ limit: 1000 });
  const existing = keys.results.find((key) => key.name === name);
  if (existing) return existing.key;
  const created = await admin.createKey({ name, description: 'search-only key of the gazette API', actions: ['search'], indexes: [`${prefix}-*`], expiresAt: null });
  return created.key;
}
