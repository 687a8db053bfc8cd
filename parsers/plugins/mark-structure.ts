import type { GazetteRoot, LineNode, RoleLineNode } from '../nodes.js';
import { isBlank, isLine } from '../line-tests.js';

const FILE_MARKER = /^(?:文件选登|以正式发文为准)$/u;
/** The 大事记 range line: （2022年3月1日—2022年4月30日）. */
export const CHRONICLE_RANGE =
  /^[（(](\d{4})年(\d{1,2})月(\d{1,2})日[—－\-–~～至]+(\d{4})年(\d{1,2})月(\d{1,2})日[)）]$/u;

function relabel(line: LineNode, type: RoleLineNode['type'], section?: 'personnel' | 'events'): RoleLineNode {
  return section ? { ...line, type, section } : { ...line, type };
}

/**
 * Gives top-level lines their structural role: the file markers (文件选登, 以正式发文为准),
 * the section headings 人事任免 and 大事记 (with its 重要活动 subheading) and the chronicle's
 * date range. Everything else stays a plain line for the later plugins.
 */
export default function markStructure() {
  return (tree: GazetteRoot): void => {
    const children = tree.children;
    for (let i = 0; i < children.length; i++) {
      const node = children[i];
      if (!isLine(node) || node.tab) continue;
      const { text } = node;
      if (text.length > 20) continue;
      if (FILE_MARKER.test(text)) children[i] = relabel(node, 'fileMarker');
      else if (text === '人事任免') children[i] = relabel(node, 'sectionHeading', 'personnel');
      else if (text === '大事记') {
        children[i] = relabel(node, 'sectionHeading', 'events');
        // 重要活动 and the range line follow on the next lines.
        for (let j = i + 1; j < children.length && j <= i + 4; j++) {
          const next = children[j];
          if (!isLine(next) || isBlank(next)) continue;
          if (next.text === '重要活动') children[j] = relabel(next, 'sectionHeading', 'events');
          else if (CHRONICLE_RANGE.test(next.text)) { children[j] = relabel(next, 'chronicleRange', 'events'); break; }
          else break;
        }
      }
    }
  };
}
