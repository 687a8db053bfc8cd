/*
 * The supervisor's entry point: `node meili-supervisor-main.js <dataDir> [--idle-ms N]`, spawned
 * detached by the first `EmbeddedMeili.open()` of a data directory. Exits 0 at once when another
 * supervisor owns the directory.
 */
import { resolve } from 'node:path';
import { DEFAULT_IDLE_MS, MeiliSupervisor } from './meili-supervisor.js';

const [dataDir, flag, value] = process.argv.slice(2);
if (!dataDir || (flag !== undefined && (flag !== '--idle-ms' || !/^\d+$/.test(value ?? '')))) {
  process.stderr.write('usage: meili-supervisor-main <dataDir> [--idle-ms N]\n');
  process.exit(2);
}
const supervisor = new MeiliSupervisor(resolve(dataDir), flag ? Number(value) : DEFAULT_IDLE_MS);
process.on('uncaughtException', (error) => {
  process.stderr.write(`supervisor ${process.pid}: internal error: ${error.stack ?? String(error)}\n`);
  supervisor.killNow();
  process.exit(1);
});
process.on('exit', () => supervisor.killNow());
await supervisor.run();
process.exit(0);
