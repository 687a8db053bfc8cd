import general from '../data/departments.json' with { type: 'json' };
import profileData from '../data/jurisdictions.json' with { type: 'json' };

/** The government a document's departments belong to. Plain data: it sits on notice nodes. */
export interface Jurisdiction {
  /** The place: 南通市海门区, 青山县, 河北省; 中华人民共和国 for the central government. */
  name: string;
  /** The prefix of its departments (区, 县, 市, 省 …); null when it has none (the central government). */
  level: string | null;
}

/** A level of government (departments.json `levels`). */
export interface Level {
  /** How a place name of this level ends: 省, 自治区, 市, 县, 区 … */
  word: string;
  /** What its departments are prefixed with: 省, 市, 县, 区 … (自治州 → 州). */
  prefix: string;
  /** 3 provincial, 2 city, 1 county: a name of a higher rank in a clause names another government. */
  rank: number;
  /** Which form of a department name this level uses, when an entry gives one. */
  form?: 'provincial' | 'city';
}

/** A standard department of Chinese local governments (departments.json `departments`). */
export interface StandardDepartment {
  /** Without a level prefix: 住房和城乡建设局. */
  name: string;
  /** The name at provincial level when it differs: 住房和城乡建设厅. */
  provincial?: string;
  /** The name at city level when it differs: 消防救援支队. */
  city?: string;
  /** An organ of the party committee: written `${prefix}委${name}` (县委组织部). */
  party?: boolean;
  /** Short forms and older names (住建, 住建局, 住房城乡建设局 …). */
  aliases: string[];
}

/** A department of one jurisdiction whose name deviates from the standard one. */
export interface ProfileDepartment {
  /** Its full name, as records give it: 海门自然资源和规划局, 区外事办. */
  name: string;
  /** Standard departments it stands for there: their names and short forms resolve to it. */
  replaces?: string[];
  aliases?: string[];
}

/** What belongs to one named jurisdiction (jurisdictions.json). */
export interface Profile {
  id: string;
  /** The place, as records give it: 南通市海门区. */
  name: string;
  /** Prefix of its departments (区); null for the central government. */
  level: string | null;
  /** Names that open its issuers' names, and that its department names may start with. */
  names: string[];
  /** Document-number prefixes and who issues each. */
  docPrefixes: Record<string, string>;
  departments: ProfileDepartment[];
  /** Sub-units printed in parentheses after a department, by the department's full name. */
  units: Record<string, string[]>;
  /** Towns, streets and zones: never departments. */
  territories: string[];
}

/** Levels, longest place word first (自治区 before 区). */
export const LEVELS: readonly Level[] = [...(general.levels as Level[])].sort((a, b) => b.word.length - a.word.length);
export const STANDARD_DEPARTMENTS: readonly StandardDepartment[] = general.departments as StandardDepartment[];
/** Words for the government of a place (人民政府, 政府, 委 …): what follows a place name in an issuer. */
export const GOVERNMENT_WORDS: readonly string[] = [...general.governmentWords].sort((a, b) => b.length - a.length);
/** Names that end like a level word but name a zone or an area, not a government (开发区, 新区 …). */
export const NOT_PLACES: readonly string[] = general.notPlaces;
/** Words that name the central government in a clause: higher than every local level. */
export const HIGHER_THAN_ALL: readonly string[] = general.higherThanAll;
export const PROFILES: readonly Profile[] = profileData.profiles as Profile[];

const byName = new Map(PROFILES.map((profile) => [profile.name, profile]));

/** The profile of the place with this name (南通市海门区), if there is one. */
export function profileNamed(name: string): Profile | undefined {
  return byName.get(name);
}

/** The central government's profile (the one with no level), where ministries' short forms resolve. */
export const CENTRAL: Profile | undefined = PROFILES.find((profile) => profile.level === null);

/** The level whose prefix this is (区, 县, 省 …). */
export function levelOfPrefix(prefix: string): Level | undefined {
  return LEVELS.find((level) => level.prefix === prefix);
}

/**
 * Every profile's document-number prefixes with their issuers (海政办发 → 南通市海门区人民政府办公室),
 * in the shape of the former issuers.json.
 */
export const issuersByPrefix: { issuers: Record<string, string> } = {
  issuers: Object.assign({}, ...PROFILES.map((profile) => profile.docPrefixes)) as Record<string, string>,
};
