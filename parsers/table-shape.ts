import type { DocumentNode, GazetteRoot, TableNode } from './nodes.js';

/** A total row (合计, 全区合计, 总计): a data row, but not one of the numbered items. */
const TOTAL = /^(?:全区|全市|全省|全县|总)?合\s*计$|^总\s*计$/u;

const WHITESPACE = /\s/g;

/** Whether a table row is a total row such as 全区合计. */
export function isTotalRow(row: readonly string[]): boolean {
  return row.length > 0 && TOTAL.test(row[0]!.replace(WHITESPACE, ''));
}

/** Visits every document container of every notice. */
export function eachDocument(tree: GazetteRoot, visit: (doc: DocumentNode) => void): void {
  for (const node of tree.children) {
    if (node.type !== 'notice') continue;
    for (const child of node.children) if (child.type === 'document') visit(child);
  }
}

/**
 * Column labels from two header rows when the second starts with empty cells under the
 * first row's spanning labels (序号 | 区镇 | 新增上市企业数 … over 十四五期间 | 2022年 …):
 * each spanning label is repeated over its columns as `label/sub`.
 */
export function combineHeaderRows(top: string[], sub: string[]): string[] {
  let lead = 0;
  while (lead < sub.length && sub[lead] === '') lead++;
  const spanning = top.length - lead;
  const spanned = sub.length - lead;
  if (lead === 0 || spanning <= 0 || spanned % spanning !== 0) {
    return sub.map((cell, i) => cell || top[i] || '');
  }
  const width = spanned / spanning;
  const header = top.slice(0, lead);
  for (let k = 0; k < spanning; k++) {
    for (let w = 0; w < width; w++) header.push(`${top[lead + k]}/${sub[lead + k * width + w]}`);
  }
  return header;
}

/** Empty table fields, filled by the plugins that recognise tables. */
export function tableNode(children: TableNode['children']): TableNode {
  return { type: 'table', caption: null, header: [], rows: [], groups: [], panel: false, children };
}
