/** File names of saved web pages. */
const HTML_NAME = /\.(?:html?|xhtml|shtml)$/iu;

/** How much of the bytes is looked at: a page's head or first markup is near its start. */
const SNIFF = 65536;

/**
 * A page's start, after white space, server code (`<%@ page … %>`), an XML declaration and
 * comments: a doctype or the tags a page opens with.
 */
const PAGE_START =
  /^(?:\s|<%[\s\S]*?%>|<\?xml[\s\S]*?\?>|<!--[\s\S]*?-->)*<(?:!doctype\s+html|html|head|body|meta|title|link|style|script)\b/iu;

/** Tags of a page's text; a fragment (a page's main region saved alone) is dense with them. */
const TEXT_TAG = /<\/?(?:p|div|table|tbody|tr|td|th|br|span|font|li|ul|ol|strong|b|h[1-6]|a)\b[^<>]*>/giu;
/** A fragment holds this many such tags, and they are no small part of its characters. */
const MIN_TAGS = 12;
const MIN_MARKUP_SHARE = 0.1;

/**
 * Whether a file is a web page: its name says so (`.html`, `.htm`), or its bytes do, whatever
 * its name: they open as a page does, or they are a fragment dense with the tags of a page's text.
 * Plain-text gazettes, which may hold an HTML comment or a `<` in their text, are neither.
 */
export function isHtml(bytes: Uint8Array, file: string): boolean {
  if (HTML_NAME.test(file)) return true;
  let head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, SNIFF)).toString('latin1');
  if (head.startsWith('\xef\xbb\xbf')) head = head.slice(3);
  if (PAGE_START.test(head)) return true;
  let tags = 0;
  let markup = 0;
  for (const m of head.matchAll(TEXT_TAG)) {
    tags++;
    markup += m[0].length;
  }
  return tags >= MIN_TAGS && markup >= MIN_MARKUP_SHARE * head.length;
}
