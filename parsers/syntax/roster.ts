/** Roles of a member list, compared with the padding spaces removed (组  长 → 组长). */
const ROLE =
  /^(?:常务)?(?:副)?(?:召集人|组长|成员|委员|主任|秘书长|总协调|顾问|办公室主任|办公室副主任|联络员|指挥长|总指挥|主席|部长|总召集人)$/u;

const PADDING = /[ \u3000]/g;

/** Whether a label (spaces allowed) is a role of a member list: 组  长, 副组长, 委  员. */
export function isRosterRole(label: string): boolean {
  return ROLE.test(label.replace(PADDING, ''));
}
