import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectFiles } from './collect-files.js';

describe('collectFiles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gazette-collect-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should take text files and saved pages side by side, and skip what a browser saved with a page', () => {
    writeFileSync(join(dir, 'a.txt'), 'x');
    writeFileSync(join(dir, 'b.html'), '<p>x</p>');
    writeFileSync(join(dir, 'c.htm'), '<p>x</p>');
    mkdirSync(join(dir, 'b_files'));
    writeFileSync(join(dir, 'b_files', 'style.css'), 'p{}');
    writeFileSync(join(dir, 'b_files', 'note.txt'), 'x');
    writeFileSync(join(dir, 'logo.png'), 'x');
    mkdirSync(join(dir, 'more'));
    writeFileSync(join(dir, 'more', 'd.txt'), 'x');
    expect(collectFiles([dir]).files.map((f) => f.slice(dir.length + 1))).toEqual([
      'a.txt',
      'b.html',
      'c.htm',
      join('more', 'd.txt'),
    ]);
  });

  it('should keep a file given by name, whatever it is', () => {
    expect(collectFiles([join(dir, 'logo.png')]).files).toEqual([join(dir, 'logo.png')]);
  });
});
