import { resolve } from 'node:path';

/**
 * The project's data directory (archive, embedded Meilisearch): `--data-dir`, else
 * `GAZETTE_DATA_DIR`, else `./data`.
 */
export function resolveDataDir(option?: string, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(option ?? env.GAZETTE_DATA_DIR ?? 'data');
}
