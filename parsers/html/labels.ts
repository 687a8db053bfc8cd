import type { Element } from 'hast';
import { metadataKey } from '../syntax/metadata-keys.js';
import { plainText } from './plain-text.js';

/*
 * Labels a page prints beside their value, which a reader reads as one line with it: a table's
 * label cell (`发文机关：` | `江西省人民政府`), a list's metadata key (`<dt>索引号：</dt><dd>…</dd>`).
 */

/** A label cell: a short name and a colon (`发文机关：`), whose value is the next cell. */
export const LABEL = /^[^:：]{1,16}[:：]$/u;

/** Portal metadata as a list of blocks: `<dt>索引号：</dt><dd>…</dd>`, `<div class="t">文号：</div><div>…</div>`. */
const METADATA_LABEL = /^(.{1,16}?)\s*[:：]$/u;
/** Only short elements are looked at for a label: a page has many blocks. */
const LABEL_SOURCE = 400;

/** A block holding only a metadata key and a colon, whose value is the next block. */
export function isMetadataLabel(element: Element): boolean {
  const { start, end } = element.position ?? {};
  if (start?.offset === undefined || end?.offset === undefined || end.offset - start.offset > LABEL_SOURCE)
    return false;
  const label = METADATA_LABEL.exec(plainText(element));
  return label !== null && metadataKey(label[1]!) !== null;
}
