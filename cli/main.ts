#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { exportCommand } from './export-command.js';
import { parseCommand } from './parse-command.js';

/** Exit codes: 0 success, 1 an input or job failed, 2 wrong usage. */
const USAGE_ERROR = 2;

function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('gazette')
    .description('Turns Chinese government gazettes (政府公报) into searchable, structured records.')
    .exitOverride()
    .showHelpAfterError();
  program
    .command('parse')
    .description('Parse gazette files: records as JSON Lines on stdout, diagnostics on stderr')
    .argument('<file...>', 'raw gazette text files (UTF-8, UTF-16 with BOM, GB18030/GBK, Big5)')
    .option('--report', 'print counts per record kind, warnings by rule and residue lines instead of records')
    .option('-q, --quiet', 'print only fatal diagnostics')
    .action((files: string[], options: { report?: boolean; quiet?: boolean }) => setExit(parseCommand(files, options)));
  program
    .command('export')
    .description('Write a clean copy of every notice (Markdown built with remark: headings, nested clauses, GFM tables)')
    .argument('<file...>', 'raw gazette text files')
    .requiredOption('--format <format>', 'output format: markdown')
    .option('--out <dir>', 'write one file per notice under this folder instead of printing them')
    .action((files: string[], options: { format: string; out?: string }) => setExit(exportCommand(files, options)));
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
    process.stderr.write(`gazette: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
    return;
  }
  process.exitCode = code;
}

await main();
