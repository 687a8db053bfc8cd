import type { Node, Position } from 'unist';
import type { GazetteRoot } from './nodes.js';
import { trimLine } from './plugins/parse-lines.js';
import { SIMPLIFIED_TARGETS } from './simplified-view.js';

/** A file read through its simplified view: the raw text and the view, of the same length. */
export interface ScriptTexts {
  raw: string;
  view: string;
  /** Where both start in the file: a window of a large file (windows.ts). */
  start?: number;
}

/**
 * A string the parser built from the simplified view of a span (a clause's lines joined, an
 * event's text, a table's cells), as printed in the raw text. The string is a subsequence of the
 * view's span; each character a traditional one may have become is found again, in order, and
 * its raw counterpart taken. Anything else stays as it is.
 */
export function printedForm(derived: string, span: Position | undefined, texts: ScriptTexts): string {
  const base = texts.start ?? 0;
  const start = span?.start.offset === undefined ? undefined : span.start.offset - base;
  const end = span?.end.offset === undefined ? undefined : span.end.offset - base;
  if (start === undefined || end === undefined) return derived;
  let out = '';
  let cursor = start;
  for (let i = 0; i < derived.length; i++) {
    const c = derived[i]!;
    if (!SIMPLIFIED_TARGETS.has(c)) {
      out += c;
      continue;
    }
    const at = texts.view.indexOf(c, cursor);
    if (at < 0 || at >= end) {
      out += c;
      continue;
    }
    out += texts.raw[at];
    cursor = at + 1;
  }
  return out;
}

/**
 * Gives the tree of a file read through its simplified view the raw text back: every line's
 * `value` is its raw slice again and its `text` the raw text trimmed; a title's `value` and an
 * event's `text` are their printed forms. Positions are the same in both texts and stay.
 * Fields read from the text (titles of notices, issuers, departments, names) keep the
 * simplified form the rules matched.
 */
export function restorePrinted(tree: GazetteRoot, texts: ScriptTexts): void {
  const visit = (node: Node): void => {
    const literal = node as Node & { value?: unknown; text?: unknown; tab?: unknown };
    const position = node.position;
    if (position && typeof literal.value === 'string' && typeof literal.tab === 'boolean') {
      literal.value = texts.raw.slice(position.start.offset, position.end.offset);
      literal.text = trimLine(literal.value as string).text;
    } else if (position && node.type === 'title' && typeof literal.value === 'string') {
      literal.value = printedForm(literal.value, position, texts);
    } else if (position && node.type === 'event' && typeof literal.text === 'string') {
      literal.text = printedForm(literal.text, position, texts);
    }
    for (const child of (node as { children?: Node[] }).children ?? []) visit(child);
  };
  visit(tree);
}
