import type { Key, Meilisearch } from 'meilisearch';
import type { IndexNames } from './index-names.js';

/** What the API's key may do: search, and only the records index (the only one the API reads). */
export function searchKeyScope(names: IndexNames): { actions: string[]; indexes: string[] } {
  return { actions: ['search'], indexes: [names.records] };
}

/**
 * A key that can only search the deployment's records index, created once (with the master key)
 * and reused; the API searches with it so the master key never serves a query. A key of ours
 * (found by name) is reused only when it still has exactly that scope and never expires; any
 * other of that name (wider, as older versions made them, or edited since) is deleted and a
 * right one created. The key names an index uid, which `gazette reindex`'s swap keeps.
 */
export async function searchOnlyKey(admin: Meilisearch, names: IndexNames): Promise<string> {
  const name = searchKeyName(names);
  const scope = searchKeyScope(names);
  let reusable: Key | null = null;
  for (const key of await keysNamed(admin, name)) {
    if (!reusable && hasScope(key, scope)) reusable = key;
    else await admin.deleteKey(key.uid);
  }
  if (reusable) return reusable.key;
  const created = await admin.createKey({
    name,
    description: 'search-only key of the gazette API',
    ...scope,
    expiresAt: null,
  });
  return created.key;
}

/** The name our key is found by: one per index prefix. */
export function searchKeyName(names: IndexNames): string {
  return `gazette search (${names.records.replace(/-records$/, '')})`;
}

async function keysNamed(admin: Meilisearch, name: string): Promise<Key[]> {
  const found: Key[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await admin.getKeys({ limit: 1000, offset });
    found.push(...page.results.filter((key) => key.name === name));
    if (page.results.length < 1000) return found;
  }
}

function hasScope(key: Key, scope: { actions: string[]; indexes: string[] }): boolean {
  const same = (a: string[], b: string[]) =>
    a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);
  return same(key.actions, scope.actions) && same(key.indexes, scope.indexes) && key.expiresAt === null;
}
