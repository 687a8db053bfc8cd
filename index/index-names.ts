/** Uids of the indexes one deployment uses, all sharing a prefix (tests use their own). */
export interface IndexNames {
  records: string;
  issues: string;
}

/** The default prefix of index uids, overridden by `GAZETTE_INDEX_PREFIX`. */
export const DEFAULT_INDEX_PREFIX = 'gazette';

/**
 * Index uids for a prefix: `<prefix>-records` and `<prefix>-issues`.
 * @param prefix letters, digits, `-` and `_` only (Meilisearch's rule for uids)
 */
export function indexNames(prefix: string = process.env.GAZETTE_INDEX_PREFIX || DEFAULT_INDEX_PREFIX): IndexNames {
  if (!/^[A-Za-z0-9_-]+$/.test(prefix))
    throw new TypeError(`index prefix "${prefix}": expected only letters, digits, - and _`);
  return { records: `${prefix}-records`, issues: `${prefix}-issues` };
}
