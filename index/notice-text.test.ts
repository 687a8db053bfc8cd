import { describe, expect, it } from 'vitest';
import { joinNoticeText, splitNoticeText } from './notice-text.js';

describe('a notice text split into its frame and parts', () => {
  const text =
    '关于某事的通知\n\n海政发〔2022〕1号\n\n一、总则\n\n第一段。\n二、附则\n本通知自印发之日起施行。\n\n某区人民政府\n2022年1月1日';
  const parts = [
    { id: 'c1', text: '一、总则\n第一段。' },
    { id: 'c2', text: '二、附则\n本通知自印发之日起施行。' },
    { id: 'c3', text: '不在通知里的文字' },
  ];

  it('should keep only the lines no part holds, and put the whole text back from the parts', () => {
    const split = splitNoticeText(text, parts);
    expect(split.frame).toBe('关于某事的通知\n\n海政发〔2022〕1号\n\n\n某区人民政府\n2022年1月1日');
    expect(split.parts.map((p) => p.id)).toEqual(['c1', 'c2']);
    expect(joinNoticeText(split.frame, split.parts, new Map(parts.map((p) => [p.id, p.text])))).toBe(text);
  });

  it('should keep the whole text as the frame when no part is made of its lines', () => {
    expect(splitNoticeText(text, [{ id: 'x', text: '总则' }])).toEqual({ frame: text, parts: [] });
  });
});
