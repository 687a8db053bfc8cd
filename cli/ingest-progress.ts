import cliProgress from 'cli-progress';
import type { IngestReporter, IssueOutcome } from '../ingest/run-ingest.js';
import type { Stage } from '../ingest/prepare-issue.js';
import { redactCredentials } from '../ingest/redact-credentials.js';
import type { SummaryOutcome } from './interrupted-jobs.js';

const STAGES: Stage[] = ['parse', 'enrich', 'index'];

/**
 * Progress of `gazette ingest` on stderr: on a terminal, one bar per stage counting the issues
 * that reached it (the last bar also counts records and warnings); elsewhere, one plain line per
 * finished issue.
 */
export class IngestProgress implements IngestReporter {
  private readonly reached = new Map<Stage, Set<string>>(STAGES.map((stage) => [stage, new Set()]));
  private readonly multibar: cliProgress.MultiBar | null;
  private bars = new Map<Stage | 'done', cliProgress.SingleBar>();
  private records = 0;
  private warnings = 0;
  private done = 0;
  /** sha256 of every issue reported finished: the others, at the end, were interrupted. */
  readonly finishedIssues = new Set<string>();

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {
    this.multibar = stream.isTTY
      ? new cliProgress.MultiBar(
          {
            stream,
            format: '{stage} |{bar}| {value}/{total} issues {extra}',
            hideCursor: true,
            clearOnComplete: false,
            autopadding: true,
          },
          cliProgress.Presets.shades_classic,
        )
      : null;
  }

  planned(total: number): void {
    if (!this.multibar) return void this.stream.write(`ingest: ${total} issue(s) to check\n`);
    for (const stage of [...STAGES, 'done'] as const)
      this.bars.set(stage, this.multibar.create(total, 0, { stage: stage.padEnd(6), extra: '' }));
  }

  stage(sha256: string, stage: Stage): void {
    // A stage reached implies the earlier ones (a fast job may skip a poll).
    for (const earlier of STAGES.slice(0, STAGES.indexOf(stage) + 1)) {
      const seen = this.reached.get(earlier)!;
      if (seen.has(sha256)) continue;
      seen.add(sha256);
      this.bars.get(earlier)?.update(seen.size);
    }
  }

  finished(outcome: IssueOutcome): void {
    if (outcome.status === 'indexed' && outcome.sha256) this.stage(outcome.sha256, 'index');
    if (outcome.sha256) this.finishedIssues.add(outcome.sha256);
    this.done++;
    this.records += outcome.result?.records ?? 0;
    this.warnings += outcome.result?.warnings ?? 0;
    this.bars.get('done')?.update(this.done, { extra: `· ${this.records} records · ${this.warnings} warnings` });
    if (!this.multibar) this.stream.write(`ingest: ${redactCredentials(describe(outcome))}\n`);
  }

  notice(line: string): void {
    // Notices and reasons may quote REDIS_URL or an error naming a URL: never its password.
    const shown = redactCredentials(line);
    if (this.multibar) this.multibar.log(`${shown}\n`);
    else this.stream.write(`ingest: ${shown}\n`);
  }

  /** Stops redrawing the bars. */
  stop(): void {
    this.multibar?.stop();
  }
}

function describe(outcome: IssueOutcome): string {
  if (outcome.status === 'failed') return `${outcome.file}: FAILED: ${outcome.reason}`;
  if (outcome.status === 'unchanged') return `${outcome.file}: unchanged, already indexed`;
  if (outcome.status === 'superseded') return `${outcome.file}: ${outcome.reason}`;
  const r = outcome.result;
  const note = outcome.reason ? `; ${outcome.reason}` : '';
  return r
    ? `${outcome.file}: ${r.records} records (+${r.added} ~${r.updated} -${r.deleted}), ${r.warnings} warnings${note}`
    : `${outcome.file}: indexed${note}`;
}

/**
 * The summary table printed when `gazette ingest` ends: one row per input file and a total that
 * counts failed and interrupted issues apart (an interrupted one is still queued, not failed).
 */
export function formatSummary(outcomes: SummaryOutcome[]): string {
  const header = ['file', 'issue', 'status', 'records', 'added', 'updated', 'deleted', 'warnings'];
  const rows = outcomes.map((o) => [
    o.file,
    o.result?.issue ?? '',
    o.status,
    ...[o.result?.records, o.result?.added, o.result?.updated, o.result?.deleted, o.result?.warnings].map((n) =>
      n === undefined ? '' : String(n),
    ),
  ]);
  const sum = (pick: (r: NonNullable<IssueOutcome['result']>) => number) =>
    String(outcomes.reduce((total, o) => total + (o.result ? pick(o.result) : 0), 0));
  const failed = outcomes.filter((o) => o.status === 'failed').length;
  const interrupted = outcomes.filter((o) => o.status === 'interrupted').length;
  const state =
    [failed ? `${failed} failed` : '', interrupted ? `${interrupted} interrupted` : ''].filter(Boolean).join(', ') ||
    'ok';
  rows.push([
    'total',
    '',
    state,
    sum((r) => r.records),
    sum((r) => r.added),
    sum((r) => r.updated),
    sum((r) => r.deleted),
    sum((r) => r.warnings),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i >= 3 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const failures = outcomes
    .filter((o) => o.status === 'failed' || o.status === 'interrupted')
    .map((o) => `${o.status}: ${o.file}: ${o.reason}`);
  const kinds = inputKinds(outcomes);
  // Identity and versions: ambiguous issues, partial copies, older versions kept.
  const notes = outcomes
    .filter((o) => o.status !== 'failed' && o.status !== 'interrupted' && o.reason)
    .map((o) => `note: ${o.file}: ${o.reason}`);
  return redactCredentials(
    `${[line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), ...kinds, ...failures, ...notes].join('\n')}\n`,
  );
}

/** `by input: text 3 files (40 records), html 2 files (25 records)`: what the inputs were read as. */
function inputKinds(outcomes: SummaryOutcome[]): string[] {
  const counts = new Map<string, { files: number; records: number }>();
  for (const o of outcomes) {
    if (!o.input) continue;
    const count = counts.get(o.input) ?? { files: 0, records: 0 };
    count.files++;
    count.records += o.result?.records ?? 0;
    counts.set(o.input, count);
  }
  if (counts.size === 0) return [];
  const parts = [...counts].map(
    ([kind, c]) => `${kind} ${c.files} file${c.files === 1 ? '' : 's'} (${c.records} records)`,
  );
  return [`by input: ${parts.join(', ')}`];
}
