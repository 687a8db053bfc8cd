import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Vitest global setup: every temporary folder the tests make (os.tmpdir() reads TMPDIR, which
 * the test processes and the servers and browsers they start inherit) goes into one folder of
 * this run, removed when the run ends, so that no run leaves folders behind, even one whose
 * tests failed before their own clean-up. What the tests themselves left is named, to be fixed;
 * tsx's compile cache (`tsx-<uid>`, shared by the processes run from TypeScript sources) is
 * tsx's own, kept on purpose until the root goes.
 */
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'gazette-tests-'));
  process.env.TMPDIR = root;
  return () => {
    const left = readdirSync(root).filter((name) => !/^tsx-\d+$/.test(name));
    if (left.length > 0)
      console.warn(
        `tests left ${left.length} temporary folder(s), now removed: ${left.slice(0, 8).join(', ')}${left.length > 8 ? ' …' : ''}`,
      );
    rmSync(root, { recursive: true, force: true });
  };
}
