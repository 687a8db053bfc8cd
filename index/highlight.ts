/*
 * Highlights as safe HTML. Records hold text from crawled pages, so a record's text may carry
 * `<img onerror=…>` or `<mark>` of its own: Meilisearch is asked to wrap matches in two
 * private-use characters that mean nothing in a gazette, then everything is escaped and only
 * those characters become our `<mark>` tags.
 */

/** Tags Meilisearch puts around a match (private-use code points, never markup). */
export const MATCH_START = '\uE000';
export const MATCH_END = '\uE001';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML that shows it literally. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/**
 * Meilisearch's formatted value (matches between MATCH_START and MATCH_END) as HTML in which
 * the only markup is `<mark>…</mark>`, balanced; null when nothing matched.
 */
export function highlightHtml(formatted: string): string | null {
  if (!formatted.includes(MATCH_START)) return null;
  let html = '';
  let open = false;
  for (const piece of formatted.split(/([\uE000\uE001])/)) {
    if (piece === MATCH_START) {
      if (!open) html += '<mark>';
      open = true;
    } else if (piece === MATCH_END) {
      if (open) html += '</mark>';
      open = false;
    } else {
      html += escapeHtml(piece);
    }
  }
  return open ? `${html}</mark>` : html;
}

const UNESCAPES: Record<string, string> = Object.fromEntries(Object.entries(ESCAPES).map(([c, e]) => [e, c]));

/** A highlight as plain text, the matches wrapped in `open` and `close` (for a terminal). */
export function highlightText(html: string, open: string, close: string): string {
  return html
    .replace(/<mark>/g, open)
    .replace(/<\/mark>/g, close)
    .replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => UNESCAPES[e]!);
}
