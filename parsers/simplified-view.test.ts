import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simplifiedView, simplifyCharacters } from './simplified-view.js';

const root = join(import.meta.dirname, '..');

describe('simplifiedView', () => {
  it('should convert traditional text character for character, keeping its length and line breaks', () => {
    const raw = '青山縣人民政府關於印發《縣級預算績效管理辦法》的通知\r\n青政發〔2023〕7號\r\n第一條　為規範…';
    const view = simplifiedView(raw);
    expect(view).toBe('青山县人民政府关于印发《县级预算绩效管理办法》的通知\r\n青政发〔2023〕7号\r\n第一条　为规范…');
    expect(view.length).toBe(raw.length);
  });

  it('should take Taiwan forms to the simplified ones (為 裡 眾 啟), and leave characters simplified text uses (著 么 才)', () => {
    expect(simplifyCharacters('為裡眾啟')).toBe('为里众启');
    expect(simplifyCharacters('显著成效，什么，才能')).toBe('显著成效，什么，才能');
  });

  it('should give simplified text back as the very same string, the whole corpus included', () => {
    for (const name of [
      '000_4ccff14b38c8260a',
      '001_2722b5f0afb84519',
      '002_928f4559c319cd7b',
      '003_903b7e878e88ee69',
      '004_1631c348b983163c',
    ]) {
      const text = readFileSync(join(root, 'corpus', `${name}.txt`), 'utf8');
      expect(simplifiedView(text)).toBe(text);
    }
  });

  it('should leave a simplified text with a stray traditional character as it is', () => {
    const text = `${'关于做好春季农业生产工作的通知，各乡镇人民政府要认真贯彻执行。'.repeat(5)}乾隆年间`;
    expect(simplifiedView(text)).toBe(text);
  });
});
