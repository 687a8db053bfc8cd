import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';

// The page's files live in api/page/ in the source tree; the build runs from dist/api/routes.
const pageDir = [join(import.meta.dirname, '..', 'page'), join(import.meta.dirname, '..', '..', '..', 'api', 'page')];

function pageFile(name: string): string {
  for (const dir of pageDir) {
    try {
      return readFileSync(join(dir, name), 'utf8');
    } catch {
      // try the next place
    }
  }
  throw new Error(`page file ${name} not found in ${pageDir.join(' or ')}`);
}

// The page and its ES modules (each imported by path, so the CSP's script-src 'self' covers them).
const MODULES = ['app.js', 'api.js', 'html.js', 'url-state.js', 'results.js', 'notice-view.js', 'person-view.js'];
const FILES: Record<string, string> = {
  '/': 'index.html',
  '/style.css': 'style.css',
  ...Object.fromEntries(MODULES.map((name) => [`/${name}`, name])),
};
const TYPES: Record<string, string> = { html: 'text/html', js: 'text/javascript', css: 'text/css' };

/** The web page at `/` and its script and style sheet. */
export const pageRoutes: FastifyPluginAsync = async (app) => {
  for (const [url, name] of Object.entries(FILES)) {
    app.get(url, { schema: { hide: true } }, async (_request, reply) => {
      reply.header('content-type', `${TYPES[name.split('.').pop()!]}; charset=utf-8`);
      return pageFile(name);
    });
  }
};
