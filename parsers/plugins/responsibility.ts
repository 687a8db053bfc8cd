import { isLine } from '../line-tests.js';
import type { BlockNode, ClauseNode, GazetteRoot } from '../nodes.js';
import { dutyDepartments, headingDepartments, taggedDepartments } from '../syntax/responsibility.js';
import { eachDocument } from '../table-shape.js';

/** Departments responsible for one paragraph: its tags and the department its duty line starts with. */
export function paragraphDepartments(text: string): string[] {
  return [...new Set([...dutyDepartments(text), ...taggedDepartments(text)])];
}

function assign(clause: ClauseNode): void {
  const found = new Set<string>(clause.heading ? headingDepartments(clause.heading) : []);
  for (const child of clause.children) {
    if (child.type === 'clause') assign(child);
    else if (isLine(child) && !child.tab) {
      const text = child === clause.children[0] ? child.value.slice(clause.contentStart).trim() : child.text;
      for (const name of paragraphDepartments(text)) found.add(name);
    }
  }
  clause.departments = [...found];
}

function visit(blocks: BlockNode[]): void {
  for (const block of blocks) if (block.type === 'clause') assign(block);
}

/**
 * Gives every clause the departments responsible for it: responsibility tags such as
 * （责任单位：区交通局、住建局）, duty lines such as `区发改委：…`, and the parenthesis of a
 * working-group heading, all folded to full names through the alias data.
 */
export default function responsibility() {
  return (tree: GazetteRoot): void => eachDocument(tree, (doc) => visit(doc.children));
}
