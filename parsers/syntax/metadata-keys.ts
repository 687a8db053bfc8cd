/** Keys of portal metadata blocks (索引号 / 发文机关 / 文号 / 成文日期 …), spaces removed. */
const METADATA_KEYS = new Set([
  '索引号',
  '发文机关',
  '发布机构',
  '文号',
  '发文字号',
  '主题分类',
  '组配分类',
  '体裁分类',
  '服务对象分类',
  '成文日期',
  '发文日期',
  '发布日期',
  '公开方式',
  '公开范围',
  '有效性',
  '信息来源',
  '时效',
  '主题词',
  '标题',
]);
const PADDING = /[ \u3000]/g;

/** The metadata key a text is (`索  引  号` → `索引号`), or null. */
export function metadataKey(text: string): string | null {
  const key = text.replace(PADDING, '');
  return METADATA_KEYS.has(key) ? key : null;
}
