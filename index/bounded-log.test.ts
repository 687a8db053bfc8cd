import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BoundedLog } from './bounded-log.js';

describe('BoundedLog', () => {
  it('should never hold more than its bound in the log and one rotated copy, both 0600', () => {
    const folder = mkdtempSync(join(tmpdir(), 'gazette-log-'));
    try {
      const path = join(folder, 'meili.log');
      const log = new BoundedLog(path, 1000);
      for (let i = 0; i < 100; i++) log.write(`line ${String(i).padStart(3, '0')} ${'x'.repeat(40)}\n`);
      log.write('y'.repeat(5000)); // one chunk larger than the bound keeps its end
      log.line('last');
      log.close();
      log.close(); // idempotent
      const current = readFileSync(path, 'utf8');
      const rotated = readFileSync(`${path}.1`, 'utf8');
      expect(statSync(path).size).toBeLessThanOrEqual(1000);
      expect(statSync(`${path}.1`).size).toBeLessThanOrEqual(1000);
      expect(current).toMatch(/Z last\n$/);
      expect(rotated).toBe('y'.repeat(1000));
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(statSync(`${path}.1`).mode & 0o777).toBe(0o600);
      // Opening it again appends.
      const again = new BoundedLog(path, 1000);
      again.write('more\n');
      again.close();
      expect(readFileSync(path, 'utf8')).toBe(`${current}more\n`);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
