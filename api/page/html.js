// Text from the index becomes markup only through these two functions.

/** Text as HTML text: every character that could start markup or end an attribute escaped. */
export function escapeHtml(text) {
  return String(text ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );
}

/**
 * A highlight from the API (escaped text with <mark> around matches) as HTML. Whatever the API
 * sends, only bare <mark> and </mark> become markup: any other < > " ' is escaped again
 * (entities already in the text stay entities, which show as text).
 */
export function highlighted(html) {
  return String(html ?? '')
    .split(/(<\/?mark>)/)
    .map((part) => (part === '<mark>' || part === '</mark>' ? part : part.replace(/[<>"']/g, (c) => escapeHtml(c))))
    .join('');
}

/** An attribute-safe page link (`href`) to a page address made by url-state.js. */
export function navLink(href, label, attributes = '') {
  return `<a href="${escapeHtml(href)}" data-nav ${attributes}>${label}</a>`;
}
