import { isLine } from '../line-tests.js';
import type { BlockNode, ClauseNode, GazetteRoot } from '../nodes.js';
import { dutyDepartments, headingDepartments, taggedDepartments } from '../syntax/responsibility.js';
import { eachDocument } from '../table-shape.js';

/** Appends the names `found` does not hold yet, in order: a Set's insertion order, without one. */
function addNew(found: string[], names: readonly string[]): void {
  for (const name of names) if (!found.includes(name)) found.push(name);
}

/** Departments responsible for one paragraph: its tags and the department its duty line starts with. */
export function paragraphDepartments(text: string): string[] {
  const found: string[] = [];
  addNew(found, dutyDepartments(text));
  addNew(found, taggedDepartments(text));
  return found;
}

function assign(clause: ClauseNode): void {
  // A plain array: a clause names a handful of departments at most, and most name none.
  const found: string[] = [];
  if (clause.heading) addNew(found, headingDepartments(clause.heading));
  const first = clause.children[0];
  for (const child of clause.children) {
    if (child.type === 'clause') assign(child);
    else if (isLine(child) && !child.tab) {
      const text = child === first ? child.value.slice(clause.contentStart).trim() : child.text;
      addNew(found, dutyDepartments(text));
      addNew(found, taggedDepartments(text));
    }
  }
  // Most clauses name none: they keep the empty array they were made with.
  if (found.length > 0) clause.departments = found;
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
