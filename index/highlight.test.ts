import { describe, expect, it } from 'vitest';
import { MATCH_END, MATCH_START, escapeHtml, highlightHtml, highlightText } from './highlight.js';

const m = (text: string) => `${MATCH_START}${text}${MATCH_END}`;

describe('highlightHtml', () => {
  it('should escape markup from the source and keep only its own marks', () => {
    const formatted = `${m('安全')}${m('生产')}<img src=x onerror=alert(1)> <mark>假</mark> "引号" 'x' &amp;`;
    expect(highlightHtml(formatted)).toBe(
      '<mark>安全</mark><mark>生产</mark>&lt;img src=x onerror=alert(1)&gt; &lt;mark&gt;假&lt;/mark&gt; &quot;引号&quot; &#39;x&#39; &amp;amp;',
    );
  });

  it('should give null when nothing matched, so the caller shows the plain text', () => {
    expect(highlightHtml('<b>没有命中</b>')).toBeNull();
  });

  it('should balance a mark left open by a crop', () => {
    expect(highlightHtml(`前${MATCH_START}安全`)).toBe('前<mark>安全</mark>');
    expect(highlightHtml(`${MATCH_END}${m('a')}${MATCH_END}b`)).toBe('<mark>a</mark>b');
  });
});

describe('highlightText', () => {
  it('should turn marks into the given brackets and entities back into characters', () => {
    expect(highlightText(highlightHtml(`${m('安全')}<script>`)!, '【', '】')).toBe('【安全】<script>');
    expect(escapeHtml('<a href="javascript:x">')).toBe('&lt;a href=&quot;javascript:x&quot;&gt;');
  });
});
