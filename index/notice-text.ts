/**
 * A notice's text in the index without the text its clauses and tables carry: every word of a
 * notice is indexed once, in the record that holds it. The notice keeps its frame (title,
 * number, addressee, signature, date and any line no part of it holds) and where each part's
 * lines go; its whole text is put back together from its parts when it is shown
 * (`GET /api/notices/:id`).
 */

/** Where one part (a clause or table of the notice) goes in the notice's whole text. */
export interface TextPart {
  /** The part's record id. */
  id: string;
  /** The line (counted from 0 in the whole text) its first line is. */
  at: number;
  /** Offsets from `at` of the empty lines printed between its lines (a part's text leaves them out). */
  gaps: number[];
}

/** A notice's text split into its frame and the places of its parts. */
export interface SplitText {
  frame: string;
  parts: TextPart[];
}

/**
 * Splits a notice's text into the frame and its parts' places, matching each part's lines, in
 * order, to whole lines of the notice (empty lines between them allowed). A part whose lines are
 * not whole lines of the notice stays in the frame. Checked: the parts put back give exactly the
 * text, else the whole text is the frame.
 */
export function splitNoticeText(text: string, parts: Array<{ id: string; text: string }>): SplitText {
  const lines = text.split('\n');
  const covered = new Array<boolean>(lines.length).fill(false);
  const placed: TextPart[] = [];
  let cursor = 0;
  for (const part of parts) {
    const partLines = part.text.split('\n');
    if (partLines.length === 0 || partLines[0] === '') continue;
    for (let start = cursor; start < lines.length; start++) {
      if (lines[start] !== partLines[0]) continue;
      const gaps: number[] = [];
      let i = start + 1;
      let k = 1;
      while (k < partLines.length && i < lines.length) {
        if (lines[i] === partLines[k]) k++;
        else if (lines[i] === '' && partLines[k] !== '') gaps.push(i - start);
        else break;
        i++;
      }
      if (k < partLines.length) continue;
      for (let j = start; j < i; j++) covered[j] = true;
      placed.push({ id: part.id, at: start, gaps });
      cursor = i;
      break;
    }
  }
  if (placed.length === 0) return { frame: text, parts: [] };
  const frame = lines.filter((_, i) => !covered[i]).join('\n');
  const texts = new Map(parts.map((p) => [p.id, p.text]));
  if (joinNoticeText(frame, placed, texts) !== text) return { frame: text, parts: [] };
  return { frame, parts: placed };
}

/**
 * A notice's whole text from its frame and its parts' texts. A part missing from `texts` is left
 * out (its lines are not shown).
 */
export function joinNoticeText(frame: string, parts: TextPart[], texts: Map<string, string>): string {
  const frameLines = frame.split('\n');
  const out: string[] = [];
  let next = 0;
  const byLine = [...parts].sort((a, b) => a.at - b.at);
  for (const part of byLine) {
    while (out.length < part.at && next < frameLines.length) out.push(frameLines[next++]!);
    const partLines = (texts.get(part.id) ?? '').split('\n');
    const gaps = new Set(part.gaps);
    for (let offset = 0, k = 0; k < partLines.length; offset++) out.push(gaps.has(offset) ? '' : partLines[k++]!);
  }
  while (next < frameLines.length) out.push(frameLines[next++]!);
  return out.join('\n');
}
