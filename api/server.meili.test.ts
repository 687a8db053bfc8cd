import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropIndexes, isolated } from '../tests/helpers/ingest-setup.js';
import { TestMeili } from '../tests/helpers/test-meili.js';
import { type RunningServer, startServer } from './server.js';

let meili: TestMeili;
const setup = isolated('server');
const servers: RunningServer[] = [];

beforeAll(async () => {
  meili = await TestMeili.start();
}, 60_000);
afterAll(async () => {
  for (const server of servers) await server.close();
  await meili.restart().catch(() => {});
  await dropIndexes(meili.client, setup.names);
  await meili.stop();
});

async function serve(options: { baseUrl?: string } = {}) {
  const log = new PassThrough();
  let logged = '';
  log.on('data', (chunk) => (logged += chunk));
  const server = await startServer({
    dataDir: setup.dataDir,
    names: setup.names,
    port: 0,
    host: '127.0.0.1',
    env: meili.env,
    log,
    ...options,
  });
  servers.push(server);
  return { server, logged: () => logged };
}

describe('startServer', () => {
  it('should link the feed to the address it listens on by default, whatever the Host header says', async () => {
    const { server } = await serve();
    expect(server.baseUrl).toBe(server.url);
    const response = await server.app.inject({
      method: 'GET',
      url: `/api/feed.atom?department=${encodeURIComponent('公安')}`,
      headers: { host: 'evil.example' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(`<id>${server.url}/api/feed.atom?department=`);
    expect(response.body).not.toContain('evil.example');
  });

  it('should link the feed to the configured base URL', async () => {
    const { server } = await serve({ baseUrl: 'https://gazette.example.gov.cn' });
    const response = await server.app.inject({
      method: 'GET',
      url: `/api/feed.atom?department=${encodeURIComponent('公安')}`,
      headers: { host: 'evil.example' },
    });
    expect(response.body).toContain('<link rel="self" href="https://gazette.example.gov.cn/api/feed.atom?department=');
  });

  it('should log a request that fails with a 5xx, and give the client only a message it can act on', async () => {
    const { server, logged } = await serve();
    expect((await server.app.inject({ method: 'GET', url: '/api/search?q=x' })).statusCode).toBe(200);
    expect((await server.app.inject({ method: 'GET', url: '/api/search?colour=red' })).statusCode).toBe(400);
    expect(logged()).toBe('');
    await meili.kill();
    const response = await server.app.inject({ method: 'GET', url: '/api/search?q=%E5%AE%89%E5%85%A8' });
    // Meilisearch down is a 503 that says so, naming no host, port or index.
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({
      statusCode: 503,
      code: 'unavailable',
      error: 'Service Unavailable',
      message: 'Meilisearch does not answer: try again shortly',
    });
    const lines = logged()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 50,
      method: 'GET',
      url: '/api/search?q=%E5%AE%89%E5%85%A8',
      err: { type: expect.any(String), message: expect.any(String) },
    });
    expect(lines[0].msg).toContain('request failed: GET /api/search?q=%E5%AE%89%E5%85%A8');
  });
});
