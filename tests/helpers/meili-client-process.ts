/*
 * A process attached to a data directory's embedded Meilisearch, driven line by line on stdin
 * by the lifecycle tests: `request` (GET /indexes with the master key), `ready` (wait until the
 * supervisor reports the server up), `close` (detach, then exit by running out of work). Each
 * answer is one JSON line on stdout. Usage: node --import tsx meili-client-process.ts DATA_DIR
 */
import { createInterface } from 'node:readline';
import { EmbeddedMeili } from '../../index/meili-server.js';

const meili = await EmbeddedMeili.open(process.argv[2]!);
const say = (answer: object) => process.stdout.write(`${JSON.stringify(answer)}\n`);
say({ pid: process.pid, url: meili.url });
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line === 'request') {
    try {
      const response = await fetch(`${meili.url}/indexes`, { headers: { Authorization: `Bearer ${meili.masterKey}` } });
      await response.body?.cancel();
      say({ status: response.status });
    } catch (error) {
      say({ error: (error as Error).message });
    }
  } else if (line === 'ready') {
    await meili.waitReady(20_000).then(
      () => say({ ready: true }),
      (error: Error) => say({ error: error.message }),
    );
  } else if (line === 'close') {
    await meili.close();
    say({ closed: true });
    lines.close();
    process.stdin.destroy();
  }
}
