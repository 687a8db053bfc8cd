import type { Root } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import type { TextEncoding } from '../decode.js';
import { decodeHtml } from './decode-html.js';
import { PagePositions } from './page-positions.js';
import { type RenderedTable, renderPage } from './render-page.js';

const htmlParser = unified().use(rehypeParse).freeze();

/** A web page read as text: the lines the text parser reads, its tables, and how to point back into it. */
export interface ReadPage {
  /** The generated text: one line per block, cell and `<br>`. */
  text: string;
  tables: RenderedTable[];
  positions: PagePositions;
  encoding: TextEncoding;
  /** The page declares an encoding its bytes are not in: what to warn, and where in the page. */
  charsetMismatch: { reason: string; offset: number } | null;
}

/**
 * Decodes a page (its declared encoding or its bytes), parses it with rehype (the HTML
 * standard's parser, so tag soup reads as a browser reads it) and writes its text as lines.
 * @throws DecodeError when the bytes cannot be decoded
 */
export function readPage(bytes: Uint8Array, file: string): ReadPage {
  const { text: html, encoding, mismatch } = decodeHtml(bytes, file);
  const tree = htmlParser.parse(html) as Root;
  const page = renderPage(tree, html);
  return {
    text: page.text,
    tables: page.tables,
    positions: new PagePositions(page.text, page.offsets, html),
    encoding,
    charsetMismatch: mismatch,
  };
}
