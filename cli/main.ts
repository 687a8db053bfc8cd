#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { DEFAULT_PORT } from '../api/default-port.js';
import { USAGE_ERROR, reportError } from './report-error.js';
import { withServiceOptions } from './service-flags.js';

// Each command's module is imported when the command runs, not before: `gazette parse` then
// loads the parser alone, not the queue, the Meilisearch client and the HTTP server (which
// took more time to load than a parse of a typical issue).

function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('gazette')
    .description('Turns Chinese government gazettes (政府公报) into searchable, structured records.')
    .exitOverride()
    .showHelpAfterError();
  program
    .command('parse')
    .description('Parse gazette files: records as JSON Lines on stdout, diagnostics on stderr')
    .argument(
      '<file...>',
      'gazette text files (UTF-8, UTF-16 with BOM, GB18030/GBK, Big5) or saved web pages (.html, .htm)',
    )
    .option('--report', 'print counts per record kind, warnings by rule and residue lines instead of records')
    .option('-q, --quiet', 'print only fatal diagnostics')
    .action(async (files: string[], options: { report?: boolean; quiet?: boolean }) =>
      setExit((await import('./parse-command.js')).parseCommand(files, options)),
    );
  program
    .command('export')
    .description(
      'Write a clean copy of every notice (Markdown built with remark: headings, nested clauses, GFM tables)',
    )
    .argument('<file...>', 'gazette text files or saved web pages')
    .requiredOption('--format <format>', 'output format: markdown')
    .option('--out <dir>', 'write one file per notice under this folder instead of printing them')
    .action(async (files: string[], options: { format: string; out?: string }) =>
      setExit((await import('./export-command.js')).exportCommand(files, options)),
    );
  withServiceOptions(
    program
      .command('ingest')
      .description(
        'Archive gazette files, queue one job per issue and index their records (in this process when Redis does not answer)',
      )
      .argument('<path...>', 'gazette files (text or saved web pages) or folders of them')
      .option('--concurrency <n>', 'issues this process works on at once; 0 only queues them for other workers', '2')
      .option('--require-queue', 'fail instead of processing in this process when Redis does not answer'),
  ).action(async (paths: string[], options) =>
    setExit(await (await import('./ingest-command.js')).ingestCommand(paths, options)),
  );
  withServiceOptions(
    program
      .command('worker')
      .description('Process ingest jobs from the queue until SIGINT or SIGTERM')
      .option('--concurrency <n>', 'jobs worked on at once', '2'),
  ).action(async (options) => setExit(await (await import('./worker-command.js')).workerCommand(options)));
  withServiceOptions(
    program.command('jobs').description('List waiting, active, delayed and failed ingest jobs, with reasons'),
  ).action(async (options) => setExit(await (await import('./jobs-command.js')).jobsCommand(options)));
  withServiceOptions(program.command('retry').description('Put failed ingest jobs back in the queue')).action(
    async (options) => setExit(await (await import('./jobs-command.js')).retryCommand(options)),
  );
  withServiceOptions(
    program
      .command('reindex')
      .description('Rebuild every index from the archive into new indexes, then swap them in atomically'),
  ).action(async (options) => setExit(await (await import('./reindex-command.js')).reindexCommand(options)));
  withServiceOptions(
    program
      .command('history')
      .description(
        'List the versions of an issue: when each was first seen, which is shown, and the records changed between them',
      )
      .argument('<issue>', 'the issue id, as `gazette ingest` prints it'),
  ).action(async (issue: string, options) =>
    setExit(await (await import('./history-command.js')).historyCommand(issue, options)),
  );
  withServiceOptions(
    program
      .command('restore')
      .description('Show an older version of an issue again, from the archive')
      .argument('<issue>', 'the issue id')
      .argument('<sha256>', 'the version, by its sha256 or the start of it, as `gazette history` prints it'),
  ).action(async (issue: string, sha: string, options) =>
    setExit(await (await import('./history-command.js')).restoreCommand(issue, sha, options)),
  );
  withServiceOptions(
    program
      .command('search')
      .description('Search the index from the terminal')
      .argument('[query]', 'words, "quoted phrases", or a document number in any spelling')
      .option('--department <name>', 'a department by any alias (住建) or its full name')
      .option(
        '--jurisdiction <name>',
        'the government records belong to (青山县, 海门); --department is read relative to it',
      )
      .option('--doc-number <number>', 'a document number in any spelling')
      .option('--from <date>', 'from this date, YYYY-MM-DD')
      .option('--to <date>', 'to this date, YYYY-MM-DD')
      .option('--kind <kind>', 'notice, clause, table, personnel or event')
      .option('--person <name>', 'records naming this person')
      .option('--limit <n>', 'results to show', '10')
      .option('--json', 'print the result as JSON'),
  ).action(async (query: string | undefined, options) =>
    setExit(await (await import('./search-command.js')).searchCommand(query, options)),
  );
  withServiceOptions(
    program
      .command('serve')
      .description('Serve the search page and HTTP API (starting the embedded Meilisearch if needed)')
      .option('--port <n>', 'port to listen on', String(DEFAULT_PORT))
      .option('--host <host>', 'address to listen on', '127.0.0.1')
      .option(
        '--base-url <url>',
        'public address of the API for feed ids and links (default: $GAZETTE_BASE_URL or the listen address)',
      ),
  ).action(async (options) => setExit(await (await import('./serve-command.js')).serveCommand(options)));
  return program;
}

async function main(): Promise<void> {
  // Output piped into `head` and closed early is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  let code = 0;
  const program = buildProgram((c) => {
    code = c;
  });
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : USAGE_ERROR;
      return;
    }
    process.exitCode = await reportError(error);
    return;
  }
  process.exitCode = code;
}

await main();
