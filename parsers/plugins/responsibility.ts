import { isLine } from '../line-tests.js';
import type { BlockNode, ClauseNode, GazetteRoot } from '../nodes.js';
import type { Jurisdiction } from '../syntax/jurisdiction.js';
import { dutyDepartments, headingDepartments, taggedDepartments } from '../syntax/responsibility.js';

/** Appends the names `found` does not hold yet, in order: a Set's insertion order, without one. */
function addNew(found: string[], names: readonly string[]): void {
  for (const name of names) if (!found.includes(name)) found.push(name);
}

/**
 * Departments responsible for one paragraph: its tags and the department its duty line starts
 * with, relative to the jurisdiction of its notice.
 */
export function paragraphDepartments(text: string, where: Jurisdiction | null = null): string[] {
  const found: string[] = [];
  addNew(found, dutyDepartments(text, where));
  addNew(found, taggedDepartments(text, where));
  return found;
}

function assign(clause: ClauseNode, where: Jurisdiction | null): void {
  // A plain array: a clause names a handful of departments at most, and most name none.
  const found: string[] = [];
  if (clause.heading) addNew(found, headingDepartments(clause.heading, where));
  const first = clause.children[0];
  for (const child of clause.children) {
    if (child.type === 'clause') assign(child, where);
    else if (isLine(child) && !child.tab) {
      const text = child === first ? child.value.slice(clause.contentStart).trim() : child.text;
      addNew(found, dutyDepartments(text, where));
      addNew(found, taggedDepartments(text, where));
    }
  }
  // Most clauses name none: they keep the empty array they were made with.
  if (found.length > 0) clause.departments = found;
}

function visit(blocks: BlockNode[], where: Jurisdiction | null): void {
  for (const block of blocks) if (block.type === 'clause') assign(block, where);
}

/**
 * Gives every clause the departments responsible for it: responsibility tags such as
 * （责任单位：区交通局、住建局）, duty lines such as `区发改委：…`, and the parenthesis of a
 * working-group heading, all folded to full names relative to the notice's jurisdiction
 * (set by the jurisdiction plugin: 住建局 is 区住房和城乡建设局 in a 区, 县住房和城乡建设局 in a 县).
 */
export default function responsibility() {
  return (tree: GazetteRoot): void => {
    for (const notice of tree.children) {
      if (notice.type !== 'notice') continue;
      for (const child of notice.children)
        if (child.type === 'document') visit(child.children, notice.jurisdiction ?? null);
    }
  };
}
