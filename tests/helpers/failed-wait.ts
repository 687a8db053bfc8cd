/*
 * A process whose only work is one Meilisearch write whose wait fails: a fake server accepts
 * the write, says `processing` for 1600 polls or 5 s, whichever comes first, then answers 500
 * and shuts down. It prints one JSON line
 * when the wait has failed (and the server is closed), then should exit at once. With
 * `original` it waits with meilisearch-js's own `waitTask` (timeout 9 s, a poll every 1 ms) to
 * show its leftover timer and its listeners (fetch warns past 1500 on one signal); with `ours`,
 * through index/tasks.ts as the project does.
 * Usage: node --import tsx failed-wait.ts original|ours
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { meiliClient } from '../../index/meili-client.js';

const mode = process.argv[2];
let listenerWarnings = 0;
process.removeAllListeners('warning'); // count them instead of printing thousands of lines
process.on('warning', (warning) => (listenerWarnings += warning.name === 'MaxListenersExceededWarning' ? 1 : 0));
let polls = 0;
let firstPoll = 0;
/** The task stays `processing` for 1,600 polls or 5 s from the first, whichever comes first; then the server fails. */
function stillProcessing(): boolean {
  if (firstPoll === 0) firstPoll = Date.now();
  polls++;
  return polls <= 1600 && Date.now() - firstPoll < 5000;
}
const server = createServer((request, response) => {
  response.setHeader('Content-Type', 'application/json');
  if (request.method === 'POST') {
    response.statusCode = 202;
    response.end(
      JSON.stringify({
        taskUid: 7,
        indexUid: 'x',
        status: 'enqueued',
        type: 'documentAdditionOrUpdate',
        enqueuedAt: new Date().toISOString(),
      }),
    );
  } else if (stillProcessing()) {
    response.end(JSON.stringify({ uid: 7, indexUid: 'x', status: 'processing', type: 'documentAdditionOrUpdate' }));
  } else {
    response.statusCode = 500;
    response.end(JSON.stringify({ message: 'boom', code: 'internal', type: 'internal', link: '' }));
  }
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
// The project's client (it sets a request timeout, which is what adds a listener per poll).
const client = meiliClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 'k');
const started = Date.now();
let error: Error | null = null;
try {
  if (mode === 'ours') {
    const { waitForWrite } = await import('../../index/tasks.js');
    await waitForWrite('x', client.index('x').addDocuments([{ id: 1 }]), 600_000);
  } else {
    await client
      .index('x')
      .addDocuments([{ id: 1 }])
      .waitTask({ timeout: 9000, interval: 1 });
  }
} catch (caught) {
  error = caught as Error;
}
server.closeAllConnections();
server.close();
process.stdout.write(
  `${JSON.stringify({ error: error?.name ?? null, polls, waitedMs: Date.now() - started, listenerWarnings })}\n`,
);
