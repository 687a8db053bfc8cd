import {
  type Jurisdiction,
  departmentEverywhere,
  jurisdictionNamed,
  normalizeDepartment,
  parseDocNumberQuery,
} from '../parsers/index.js';
import { equals, isAnyOf } from './filter.js';
import type { SearchParameters } from './search-parameters.js';
import { toSimplified } from './to-simplified.js';

/**
 * The filter expressions (to be ANDed) for a search's parameters. Values are normalised the way
 * the records are (a jurisdiction by any of its names to the name records give it, a department
 * alias to its full name, a document number to its 〔〕 form, dates to numbers) and quoted, never
 * pasted. A department is resolved relative to the jurisdiction when one is given (住建 with
 * 青山县 → 县住房和城乡建设局, and jurisdiction = 青山县), else to its full name in every
 * jurisdiction (区住房和城乡建设局, 县住房和城乡建设局 …), so two counties' 住建局 never mix
 * unless the search asks for both. `departments`, when given, are the department's names already
 * resolved (the indexed names that contain a part of a name, see department-parts.ts).
 */
export function buildFilter(params: SearchParameters, departments?: readonly string[]): string[] {
  const filter: string[] = [];
  if (params.kind) filter.push(equals('kind', params.kind));
  const jurisdiction = jurisdictionOf(params);
  if (params.department) {
    const names = departments?.length ? [...departments] : resolveDepartment(params.department, jurisdiction).names;
    filter.push(names.length === 1 ? equals('departments', names[0]!) : isAnyOf('departments', names));
  }
  if (jurisdiction) filter.push(equals('jurisdiction', jurisdiction.name));
  if (params.docNumber) {
    const value = params.docNumber.trim();
    filter.push(equals('docNumber', parseDocNumberQuery(value)?.text ?? value));
  }
  if (params.docType) filter.push(equals('docType', toSimplified(params.docType.trim())));
  if (params.issuer) filter.push(equals('issuer', toSimplified(params.issuer.trim())));
  if (params.person) filter.push(equals('people', toSimplified(params.person.replace(/\s/g, ''))));
  if (params.from) filter.push(`dateValue >= ${dateNumber(params.from)}`);
  if (params.to) filter.push(`dateValue <= ${dateNumber(params.to)}`);
  if (params.noticeIds?.length) filter.push(isAnyOf('noticeKey', params.noticeIds));
  return filter;
}

function jurisdictionOf(params: SearchParameters): Jurisdiction | null {
  return params.jurisdiction ? jurisdictionNamed(toSimplified(params.jurisdiction.trim())) : null;
}

/**
 * The full names a department written in any form has, relative to the jurisdiction when one
 * is given, else in every jurisdiction; `known` is false when the data knows no such department
 * (the name as given is then the only one: perhaps part of a name, such as 自然资源).
 */
export function resolveDepartment(
  department: string,
  jurisdiction: Jurisdiction | null,
): { names: string[]; known: boolean } {
  const name = toSimplified(department.trim());
  if (jurisdiction) {
    const full = normalizeDepartment(name, jurisdiction);
    return { names: [full ?? name], known: full !== null };
  }
  const names = departmentEverywhere(name);
  return { names, known: !(names.length === 1 && names[0] === name) };
}

/** Whether a search names a department the data does not know (see {@link resolveDepartment}). */
export function namesUnknownDepartment(params: SearchParameters): boolean {
  return params.department !== undefined && !resolveDepartment(params.department, jurisdictionOf(params)).known;
}

/** 2022-03-15 → 20220315. */
export function dateNumber(isoDate: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new TypeError(`date "${isoDate}": expected YYYY-MM-DD`);
  return Number(`${match[1]}${match[2]}${match[3]}`);
}
