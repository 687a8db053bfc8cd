import { RecordSearch, type ListHit, type SearchParameters, connectSearch, highlightText } from '../index/index.js';
import type { RecordKind } from '../parsers/index.js';
import { type ServiceOptions, serviceConfig } from './service-options.js';
import { UsageError } from './usage-error.js';

/** Options of `gazette search`. */
export interface SearchCommandOptions extends ServiceOptions {
  department?: string;
  jurisdiction?: string;
  docNumber?: string;
  from?: string;
  to?: string;
  kind?: string;
  person?: string;
  limit: string;
  json?: boolean;
}

const KINDS = new Set(['notice', 'clause', 'table', 'personnel', 'event']);

/** `gazette search QUERY`: the same search as the API, printed for a terminal (or as JSON). */
export async function searchCommand(query: string | undefined, options: SearchCommandOptions): Promise<number> {
  const config = serviceConfig(options);
  if (options.kind && !KINDS.has(options.kind))
    throw new UsageError(`--kind "${options.kind}": expected one of ${[...KINDS].join(', ')}`);
  for (const [name, value] of [
    ['--from', options.from],
    ['--to', options.to],
  ] as const) {
    if (value && !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new UsageError(`${name} "${value}": expected YYYY-MM-DD`);
  }
  const limit = Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw new UsageError(`--limit "${options.limit}": expected 1 to 100`);
  const params: SearchParameters = {
    q: query ?? '',
    department: options.department,
    jurisdiction: options.jurisdiction,
    docNumber: options.docNumber,
    from: options.from,
    to: options.to,
    kind: options.kind as RecordKind | undefined,
    person: options.person,
    limit,
  };
  const connection = await connectSearch({ dataDir: config.dataDir });
  try {
    const result = await new RecordSearch(connection.client, config.names, {
      ...(connection.cluster?.remotes ? { remotes: connection.cluster.remotes } : {}),
    }).search(params);
    if (options.json) {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      process.stdout.write(
        `${result.totalExact ? '' : 'about '}${result.total} result(s)${result.interpretation.docNumber ? ` for ${result.interpretation.docNumber}` : ''}${result.interpretation.citing ? ` (${result.interpretation.citing} citing it)` : ''}${result.interpretation.corrections.map((c) => `, searched ${c.searched} for ${c.typed}`).join('')}\n`,
      );
      if (result.interpretation.suggestions?.length)
        process.stdout.write(`no such number; nearest: ${result.interpretation.suggestions.join(', ')}\n`);
      process.stdout.write('\n');
      for (const hit of result.hits) process.stdout.write(formatHit(hit));
    }
    return 0;
  } finally {
    await connection.close();
  }
}

function formatHit(hit: ListHit): string {
  const r = hit as ListHit & { docNumber?: string | null; date?: string | null; path?: string[] };
  const head = [hit.kind, r.docNumber, r.date, `${hit.source.file}:${hit.source.line}`].filter(Boolean).join(' · ');
  const text = (hit.highlight.text ? highlightText(hit.highlight.text, '【', '】') : hit.crop).replace(
    /\s*\n\s*/g,
    ' ',
  );
  // A crop from the start of the text starts with its own marker (（二）…); show the outer levels before it.
  const outer = r.path?.length && hit.crop.startsWith(r.path.at(-1)!) ? r.path.slice(0, -1) : (r.path ?? []);
  return `${head}\n  ${outer.length ? `${outer.join('')} ` : ''}${text.slice(0, 240)}\n\n`;
}
