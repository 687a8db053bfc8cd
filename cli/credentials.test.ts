import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { IngestProgress } from './ingest-progress.js';

const root = join(import.meta.dirname, '..');
// A Redis that does not answer (port 1), with a password in its URL.
const REDIS_URL = 'redis://:s3cret-pw@127.0.0.1:1/0';

function gazette(...args: string[]) {
  const dataDir = mkdtempSync(join(tmpdir(), 'gazette-cred-'));
  try {
    return spawnSync(process.execPath, ['--import', 'tsx', join(root, 'cli', 'main.ts'), ...args], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, REDIS_URL, GAZETTE_DATA_DIR: dataDir },
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('credentials in messages', () => {
  it.each([['jobs'], ['worker'], ['retry']])(
    'should not print the Redis password when `gazette %s` cannot reach Redis',
    (command) => {
      const run = gazette(command);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('Redis does not answer at redis://:***@127.0.0.1:1/0');
      expect(run.stderr + run.stdout).not.toContain('s3cret-pw');
    },
  );

  it("should not print a password in ingest's notices", () => {
    const stream = new PassThrough();
    let out = '';
    stream.on('data', (chunk) => (out += chunk));
    new IngestProgress(stream as unknown as NodeJS.WriteStream).notice(
      `Redis does not answer at ${REDIS_URL}: processing in this process instead`,
    );
    expect(out).toBe(
      'ingest: Redis does not answer at redis://:***@127.0.0.1:1/0: processing in this process instead\n',
    );
  });
});
