import type { Element, ElementContent } from 'hast';
import { leftOutBecause } from './leave-out.js';

/** The text of what an element shows, white space collapsed, left-out parts not counted. */
export function plainText(node: Element | ElementContent): string {
  return collect(node, false).text.replace(/\s+/gu, ' ').trim();
}

/** How much of an element's text is the text of links: characters in `<a>`, and how many links. */
export function linkShare(node: Element): { text: number; linked: number; links: number } {
  const { text, linked, links } = collect(node, false);
  return { text: text.replace(/\s+/gu, '').length, linked, links };
}

interface Collected {
  text: string;
  /** Non-space characters inside links. */
  linked: number;
  links: number;
}

function collect(node: Element | ElementContent, inLink: boolean): Collected {
  if (node.type === 'text')
    return { text: node.value, linked: inLink ? node.value.replace(/\s+/gu, '').length : 0, links: 0 };
  if (node.type !== 'element' || leftOutBecause(node)) return { text: '', linked: 0, links: 0 };
  const link = node.tagName === 'a' && !inLink;
  const out: Collected = { text: '', linked: 0, links: link ? 1 : 0 };
  for (const child of node.children) {
    const part = collect(child, inLink || link);
    out.text += part.text;
    out.linked += part.linked;
    out.links += part.links;
  }
  if (node.tagName === 'br' || node.tagName === 'td' || node.tagName === 'th' || node.tagName === 'p') out.text += ' ';
  return out;
}
