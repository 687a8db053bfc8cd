import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { MeiliFiles } from './meili-files.js';

/**
 * Starts a supervisor for the data directory, detached (its own session: a Ctrl-C meant for us
 * does not reach it) and with a minimal environment. Its stderr goes to `meili.log`, for a
 * supervisor that fails before it opens the log itself. `GAZETTE_MEILI_IDLE_MS`, when set, is
 * how long it outlives its last client.
 * @param dataDir the data directory it is to own
 * @returns the child, unreferenced (it does not keep this process running)
 */
export function spawnSupervisor(dataDir: string, files: MeiliFiles): ChildProcess {
  const here = fileURLToPath(import.meta.url);
  const extension = extname(here);
  const entry = join(dirname(here), `meili-supervisor-main${extension}`);
  // From the TypeScript sources (tests, `tsx`), the supervisor runs through tsx as well.
  const loader =
    extension === '.ts' ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : [];
  const idle = process.env.GAZETTE_MEILI_IDLE_MS;
  const log = openSync(files.log, 'a', 0o600);
  try {
    const child = spawn(
      process.execPath,
      [...loader, entry, dataDir, ...(idle && /^\d+$/.test(idle) ? ['--idle-ms', idle] : [])],
      {
        cwd: files.folder,
        detached: true,
        env: supervisorEnvironment(),
        stdio: ['ignore', 'ignore', log],
      },
    );
    child.unref();
    return child;
  } finally {
    closeSync(log);
  }
}

/** The supervisor's environment: enough for node to run, none of our settings or credentials. */
function supervisorEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG'])
    if (process.env[name] !== undefined) env[name] = process.env[name];
  return env;
}
