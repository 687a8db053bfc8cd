import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectSearch } from './connect.js';
import { EmbeddedMeili } from './meili-server.js';

function isRunning(url: string): Promise<boolean> {
  return fetch(`${url}/health`).then((r) => r.ok, () => false);
}

describe('EmbeddedMeili', () => {
  it('should start a server on a loopback port with a master key kept owner-only, attach a second user, and stop on close', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gazette-embedded-'));
    const first = await EmbeddedMeili.open(dataDir);
    expect(first.owned).toBe(true);
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(statSync(join(dataDir, 'meili', 'master-key')).mode & 0o777).toBe(0o600);
    // The master key is required: an anonymous request is refused.
    expect((await fetch(`${first.url}/indexes`)).status).toBe(401);
    const second = await EmbeddedMeili.open(dataDir);
    expect(second.owned).toBe(false);
    expect(second.url).toBe(first.url);
    await second.close();
    expect(await isRunning(first.url)).toBe(true);
    await first.close();
    expect(await isRunning(first.url)).toBe(false);
    await first.close(); // idempotent
  });

  it('should start nothing when MEILI_URL names a server', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gazette-external-'));
    const connection = await connectSearch({ dataDir, env: { MEILI_URL: 'http://127.0.0.1:9', MEILI_MASTER_KEY: 'k' } });
    expect(connection.embedded).toBeNull();
    expect(connection.url).toBe('http://127.0.0.1:9');
    await connection.close();
  });
});
