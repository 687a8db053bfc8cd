import type { Element, ElementContent } from 'hast';

/** Links to files (an attachment list) are part of the document; links to other pages are not. */
const FILE_LINK = /\.(?:pdf|docx?|xlsx?|wps|ofd|zip|rar|txt|et|ceb)(?:[?#].*)?$/iu;

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  return node.type === 'element' ? node.children.map(textOf).join('') : '';
}

/** The links of an element's subtree. */
function linksIn(node: ElementContent, out: Element[] = []): Element[] {
  if (node.type !== 'element') return out;
  if (node.tagName === 'a') out.push(node);
  else for (const child of node.children) linksIn(child, out);
  return out;
}

/**
 * Whether a list (`<ul>`, `<ol>`) is a list of links to other pages (相关文件, 上一篇 / 下一篇, a
 * menu): at least two items, each nothing but one link that is not a file. Such a list is the
 * portal's, not the document's.
 */
export function isListOfPageLinks(list: Element): boolean {
  const items = list.children.filter((child): child is Element => child.type === 'element' && child.tagName === 'li');
  if (items.length < 2) return false;
  return items.every((item) => {
    const links = linksIn(item);
    if (links.length !== 1) return false;
    const href = links[0]!.properties.href;
    if (typeof href === 'string' && FILE_LINK.test(href)) return false;
    return textOf(item).replace(/\s+/gu, '') === textOf(links[0]!).replace(/\s+/gu, '');
  });
}
