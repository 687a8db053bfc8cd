import { DEFAULT_PORT, startServer } from '../api/server.js';
import { type ServiceOptions, onTermination, serviceConfig } from './service-options.js';
import { UsageError } from './usage-error.js';

/** Options of `gazette serve`. */
export interface ServeCommandOptions extends ServiceOptions {
  port: string;
  host: string;
}

/** `gazette serve`: the HTTP API and the web page, until SIGINT or SIGTERM. */
export async function serveCommand(options: ServeCommandOptions): Promise<number> {
  const config = serviceConfig(options);
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`--port "${options.port}": expected a port number`);
  const server = await startServer({ dataDir: config.dataDir, names: config.names, port, host: options.host, logger: false });
  process.stderr.write(`gazette: serving the search page and API on ${server.url} (Ctrl-C stops)\n`);
  await new Promise<void>((resolve) => {
    const release = onTermination(() => {
      release();
      resolve();
    });
  });
  await server.close();
  return 0;
}
export { DEFAULT_PORT };
