import { type Meilisearch, MeilisearchApiError, type Settings } from 'meilisearch';
import type { IndexNames } from './index-names.js';
import { ISSUE_INDEX_SETTINGS, RECORD_INDEX_SETTINGS } from './settings.js';
import { waitForWrite } from './tasks.js';

const ensured = new WeakMap<Meilisearch, Set<string>>();

/**
 * Creates the records and issues indexes when missing and brings their settings up to date,
 * before any document is added. Settings that already match are not rewritten (a settings
 * change makes Meilisearch re-index every document). Checked once per client and index.
 */
export async function ensureIndexes(client: Meilisearch, names: IndexNames): Promise<void> {
  await ensureIndex(client, names.records, RECORD_INDEX_SETTINGS);
  await ensureIndex(client, names.issues, ISSUE_INDEX_SETTINGS);
}

async function ensureIndex(client: Meilisearch, uid: string, settings: Settings): Promise<void> {
  const done = ensured.get(client) ?? new Set<string>();
  ensured.set(client, done);
  if (done.has(uid)) return;
  if (!(await indexExists(client, uid))) await waitForWrite(uid, client.createIndex(uid, { primaryKey: 'id' }));
  const current = await client.index(uid).getSettings();
  if (!settingsMatch(current, settings)) await waitForWrite(uid, client.index(uid).updateSettings(settings), 600_000);
  done.add(uid);
}

/** Forgets which indexes were checked (after an index was deleted or swapped). */
export function forgetEnsured(client: Meilisearch): void {
  ensured.delete(client);
}

/** Whether an index exists. */
export async function indexExists(client: Meilisearch, uid: string): Promise<boolean> {
  try {
    await client.getIndex(uid);
    return true;
  } catch (error) {
    if (error instanceof MeilisearchApiError && error.cause?.code === 'index_not_found') return false;
    throw error;
  }
}

// Settings whose order means nothing (searchableAttributes' order is a ranking, so it is not here).
const UNORDERED = new Set([
  'filterableAttributes',
  'sortableAttributes',
  'dictionary',
  'disableOnAttributes',
  'stopWords',
]);

/** Whether the current settings already hold every value we want (Meilisearch adds defaults). */
function settingsMatch(current: Settings, wanted: Settings): boolean {
  return covers(current, wanted, '');
}

function covers(current: unknown, wanted: unknown, key: string): boolean {
  if (Array.isArray(wanted)) {
    if (!Array.isArray(current) || current.length !== wanted.length) return false;
    const [a, b] = UNORDERED.has(key) ? [[...current].sort(), [...wanted].sort()] : [current, wanted];
    return b.every((item, i) => covers(a[i], item, key));
  }
  if (wanted && typeof wanted === 'object') {
    if (!current || typeof current !== 'object') return false;
    return Object.entries(wanted).every(([k, v]) => covers((current as Record<string, unknown>)[k], v, k));
  }
  return current === wanted;
}
