import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGazette } from '../parsers/index.js';

/**
 * Parser fixtures: one folder per rule of the format or edge case of gazette-format.md §10,
 * each an excerpt cut from corpus/ (input.txt) with hand-written expectations (case.json) and
 * full snapshots of the records and messages (records.json, messages.json). Run with
 * UPDATE_FIXTURES=1 to rewrite the snapshots; review the diff before committing.
 */
interface Case {
  source: string;
  rule: string;
  edgeCase?: number;
  description: string;
  note?: string;
  expect: {
    counts?: Record<string, number>;
    records?: Array<Record<string, unknown>>;
    messages?: Array<Record<string, unknown>>;
    noWarnings?: boolean;
    /** The messages listed are all the messages: no other may appear. */
    onlyTheseMessages?: boolean;
  };
}

const root = join(import.meta.dirname, 'fixtures');
const update = process.env.UPDATE_FIXTURES === '1';
const cases = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

/** Matches objects by the fields given, at any depth; arrays and values must be equal. */
function partially(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return expect.objectContaining(Object.fromEntries(Object.entries(value).map(([k, v]) => [k, partially(v)])));
}

function readJson<T>(dir: string, name: string): T {
  return JSON.parse(readFileSync(join(dir, name), 'utf8')) as T;
}

describe.each(cases)('fixture %s', (name) => {
  const dir = join(root, name);
  const spec = readJson<Case>(dir, 'case.json');
  const result = parseGazette(readFileSync(join(dir, 'input.txt')), { file: `fixtures/${name}/input.txt` });
  const records = JSON.parse(JSON.stringify(result.records)) as Array<Record<string, unknown>>;
  const messages = result.messages.map((m) => ({
    line: m.line,
    column: m.column,
    reason: m.reason,
    source: m.source,
    ruleId: m.ruleId,
    fatal: m.fatal,
  }));
  if (update || !existsSync(join(dir, 'records.json'))) {
    writeFileSync(join(dir, 'records.json'), `${JSON.stringify(records, null, 1)}\n`);
    writeFileSync(join(dir, 'messages.json'), `${JSON.stringify(messages, null, 1)}\n`);
  }

  it(spec.description, () => {
    for (const [kind, n] of Object.entries(spec.expect.counts ?? {})) {
      expect(
        records.filter((r) => r.kind === kind),
        `${kind} records`,
      ).toHaveLength(n);
    }
    for (const partial of spec.expect.records ?? []) {
      expect(records).toEqual(expect.arrayContaining([partially(partial)]));
    }
    for (const partial of spec.expect.messages ?? []) {
      expect(messages).toEqual(expect.arrayContaining([partially(partial)]));
    }
    if (spec.expect.noWarnings) expect(messages).toEqual([]);
    if (spec.expect.onlyTheseMessages) expect(messages).toHaveLength(spec.expect.messages?.length ?? 0);
  });

  it('should produce the same records as its snapshot', () => {
    expect(records).toEqual(readJson(dir, 'records.json'));
  });

  it('should produce the same messages as its snapshot, positions included', () => {
    expect(messages).toEqual(readJson(dir, 'messages.json'));
  });
});
