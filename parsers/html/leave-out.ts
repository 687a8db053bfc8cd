import type { Element } from 'hast';
import { isListOfPageLinks } from './link-lists.js';

/**
 * Which parts of a page are not the document: code, styles, embedded objects and form
 * controls; what the page hides; and the portal's own furniture (navigation, breadcrumbs,
 * share buttons, search boxes, headers' banners, footers, lists of links to other pages), told
 * by element type, ARIA role, or the words web designers name such parts with in `class` and `id`. The rules are about the
 * form of a page, never about one site.
 */

/** Elements whose content is never text of the document. */
const NOT_TEXT = new Set([
  'head',
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'frame',
  'object',
  'embed',
  'applet',
  'svg',
  'math',
  'canvas',
  'video',
  'audio',
  'map',
  'button',
  'input',
  'select',
  'textarea',
  'datalist',
  'nav',
  'footer',
  'aside',
  'dialog',
  'menu',
]);

/** ARIA landmarks and widgets that hold the portal, not the document. */
const NOT_TEXT_ROLES = new Set([
  'navigation',
  'banner',
  'contentinfo',
  'search',
  'menu',
  'menubar',
  'toolbar',
  'complementary',
  'dialog',
]);

/**
 * Words of `class` and `id` values that name page furniture; a word counts when it starts with
 * one (navbar, menu_li, sharebox, breadcrumbs). `weizhi` (位置) and `curpage` are the pinyin and
 * English that Chinese portals name their breadcrumb with.
 */
const FURNITURE_STARTS = [
  'nav',
  'menu',
  'breadcrumb',
  'crumb',
  'footer',
  'share',
  'toolbar',
  'topbar',
  'sidebar',
  'banner',
  'search',
  'position',
  'location',
  'weizhi',
  'curpage',
  'copyright',
  'qrcode',
];
/** Words that must be whole: `foot`, but not `footnote`. (Never `print`: portals wrap the text to print in `printContent`.) */
const FURNITURE_WORDS = new Set(['foot', 'qr']);
/** Share widgets glue their name to others (bdsharebuttonbox, jiathis_share). */
const FURNITURE_INSIDE = ['share'];

const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:;|!|$)/iu;

/** The words of a class or id value: split at `-`, `_`, spaces and lower-to-upper case changes. */
function wordsOf(value: string): string[] {
  return value
    .replace(/([a-z])([A-Z])/gu, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/u)
    .filter(Boolean);
}

function isFurnitureWord(word: string): boolean {
  return (
    FURNITURE_WORDS.has(word) ||
    FURNITURE_STARTS.some((start) => word.startsWith(start)) ||
    FURNITURE_INSIDE.some((part) => word.includes(part))
  );
}

/** A link that runs a script (打印本页, 关闭窗口, 加入收藏): a button of the page, not a link of the text. */
function isScriptLink(element: Element): boolean {
  const { href, onClick } = element.properties;
  if (typeof href === 'string') return /^\s*javascript:/iu.test(href);
  return onClick !== undefined && onClick !== null;
}

function names(element: Element): string[] {
  const { className, id } = element.properties;
  const values: string[] = [];
  if (Array.isArray(className)) for (const c of className) values.push(String(c));
  else if (typeof className === 'string') values.push(className);
  if (typeof id === 'string') values.push(id);
  return values;
}

/**
 * Whether an element and everything in it is left out of the document's text.
 * @returns the reason (for tests and reports), or null when it is read
 */
export function leftOutBecause(element: Element): string | null {
  if (NOT_TEXT.has(element.tagName)) return `<${element.tagName}>`;
  const { role, hidden, ariaHidden, style } = element.properties;
  if (typeof role === 'string' && NOT_TEXT_ROLES.has(role.toLowerCase())) return `role=${role}`;
  if (hidden === true || String(ariaHidden) === 'true') return 'hidden';
  if (typeof style === 'string' && HIDDEN_STYLE.test(style)) return 'display:none';
  if (element.tagName === 'a' && isScriptLink(element)) return 'a button (javascript:)';
  if ((element.tagName === 'ul' || element.tagName === 'ol') && isListOfPageLinks(element))
    return 'a list of links to other pages';
  for (const value of names(element)) {
    for (const word of wordsOf(value)) if (isFurnitureWord(word)) return `${value} (${word})`;
  }
  return null;
}
