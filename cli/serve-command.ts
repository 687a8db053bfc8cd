import { startServer } from '../api/server.js';
import { type ServiceOptions, onTermination, serviceConfig } from './service-options.js';
import { UsageError } from './usage-error.js';

/** Options of `gazette serve`. */
export interface ServeCommandOptions extends ServiceOptions {
  port: string;
  host: string;
  /** The public address of the API for the feed's links; default `$GAZETTE_BASE_URL`, else the listen address. */
  baseUrl?: string;
}

/**
 * The public base URL, checked: http or https, no query or fragment, no trailing slash.
 * @throws UsageError when it is not such a URL
 */
export function parseBaseUrl(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${name} "${value}": expected an absolute URL such as https://gazette.example.gov.cn`);
  }
  if (
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.search ||
    url.hash ||
    url.username ||
    url.password
  ) {
    throw new UsageError(`${name} "${value}": expected an http or https URL without credentials, query or fragment`);
  }
  return url.href.replace(/\/+$/, '');
}

/** `gazette serve`: the HTTP API and the web page, until SIGINT or SIGTERM. */
export async function serveCommand(options: ServeCommandOptions): Promise<number> {
  const config = serviceConfig(options);
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new UsageError(`--port "${options.port}": expected a port number`);
  const given = options.baseUrl
    ? ['--base-url', options.baseUrl]
    : process.env.GAZETTE_BASE_URL
      ? ['GAZETTE_BASE_URL', process.env.GAZETTE_BASE_URL]
      : null;
  const baseUrl = given ? parseBaseUrl(given[1]!, given[0]!) : undefined;
  const server = await startServer({
    dataDir: config.dataDir,
    names: config.names,
    port,
    host: options.host,
    ...(baseUrl ? { baseUrl } : {}),
  });
  process.stderr.write(
    `gazette: serving the search page and API on ${server.url} (Ctrl-C stops); feed links use ${server.baseUrl}\n`,
  );
  await new Promise<void>((resolve) => {
    const release = onTermination(() => {
      release();
      resolve();
    });
  });
  await server.close();
  return 0;
}
