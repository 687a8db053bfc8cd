/*
 * Headings that open a chronicle (大事记): 大事记, 政务大事记, 大事记要, 海门区2022年大事记,
 * 大事记（2022年11月—12月）, and the subheadings printed under them (重要活动).
 */

const SPACING = /[ \u3000]+/gu;
/** Words before 大事记 (a place, an office, a year), then 大事记 or 大事纪 with 要/略/摘要, then a period in parentheses. */
const HEADING =
  /^(?!关于)[\p{Script=Han}\d０-９]{0,24}?大事[记纪](?:要|略|摘要|摘编|选编)?(?:[（(][^（）()]{1,40}[)）])?$/u;
/** Subheadings under a chronicle heading: the kind of events it lists. */
const SUBHEADINGS = new Set(['重要活动', '重要会议', '领导活动', '政务活动', '要事纪要']);

/** Whether a short line is a chronicle heading (letter spacing such as 大 事 记 allowed). */
export function isChronicleHeading(text: string): boolean {
  // Every heading holds 事 (大事记, 大事纪): most lines are ruled out before a copy without spacing is made.
  return text.length <= 60 && text.includes('事') && HEADING.test(text.replace(SPACING, ''));
}

/** Whether a line is a subheading printed under a chronicle heading (重要活动). */
export function isChronicleSubheading(text: string): boolean {
  return SUBHEADINGS.has(text.replace(SPACING, ''));
}
