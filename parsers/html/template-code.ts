/** Server code a saved template kept (`<%@ page … %>` of a JSP): the parser reads it as text. */
const TEMPLATE_CODE = /<%[\s\S]*?%>/gu;

/** The value without template code, and the offsets of what is left. */
export function withoutTemplateCode(value: string, offsets: Int32Array): [string, Int32Array] {
  let kept = '';
  const keptOffsets: number[] = [];
  let last = 0;
  for (const m of value.matchAll(TEMPLATE_CODE)) {
    kept += value.slice(last, m.index);
    for (let i = last; i < m.index; i++) keptOffsets.push(offsets[i]!);
    last = m.index + m[0].length;
  }
  kept += value.slice(last);
  for (let i = last; i < value.length; i++) keptOffsets.push(offsets[i]!);
  return [kept, Int32Array.from(keptOffsets)];
}
