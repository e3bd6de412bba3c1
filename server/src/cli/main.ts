// Entry point of the `pbx-user-csv` command (bundled to dist/cli.js, started by bin/pbx-user-csv.js).
import * as path from 'node:path';
import * as fs from 'node:fs';
import type { LanguageService } from '../service';
import { createNodeLanguageService, displayUri } from '../node/resources';
import { dialectFileRefusal } from '../node/readFile';
import { parseCommandLine, UsageError, type Command, type DialectsCommand } from './args';
import { describeFsError, displayPath } from './files';
import { escapeControls } from './format/escape';
import { readToolInfo } from './toolInfo';
import { USAGE } from './usage';
import { EXIT_OK, EXIT_USAGE, runValidate, type CliIo } from './validate';

export async function main(argv: string[], io: CliIo): Promise<number> {
  if (argv.length === 0) {
    io.stderr(USAGE);
    return EXIT_USAGE;
  }
  let command: Command;
  try {
    command = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`pbx-user-csv: ${escapeControls(error.message)}\nRun "pbx-user-csv --help" for usage.\n`);
    return EXIT_USAGE;
  }
  const tool = readToolInfo();
  switch (command.kind) {
    case 'help':
      io.stdout(USAGE);
      return EXIT_OK;
    case 'version':
      io.stdout(`${tool.version}\n`);
      return EXIT_OK;
    case 'dialects':
    case 'validate': {
      const service = loadService(command.dialectFiles, io);
      if (!service) return EXIT_USAGE;
      if (command.kind === 'dialects') return listDialects(command, service, io);
      const known = service.dialects().map((dialect) => dialect.id);
      if (command.dialect !== undefined && command.dialect !== 'none' && !known.includes(command.dialect)) {
        io.stderr(`pbx-user-csv: unknown dialect "${escapeControls(command.dialect)}"; known dialects: ${escapeControls(known.join(', ')) || '(none)'}\n`);
        return EXIT_USAGE;
      }
      return runValidate(command, service, tool, io);
    }
  }
}

function loadService(dialectFiles: string[], io: CliIo): LanguageService | undefined {
  const absolute = dialectFiles.map((file) => path.resolve(io.cwd, file));
  for (const [i, file] of absolute.entries()) {
    let problem: string | undefined;
    try {
      // Only regular files of reasonable size: a FIFO or /dev/zero would be read forever.
      problem = dialectFileRefusal(file);
      if (!problem) fs.accessSync(file, fs.constants.R_OK);
    } catch (error) {
      problem = describeFsError(error);
    }
    if (problem) {
      io.stderr(`pbx-user-csv: cannot read dialect file "${escapeControls(dialectFiles[i])}": ${escapeControls(problem)}\n`);
      return undefined;
    }
  }
  let service: LanguageService;
  try {
    service = createNodeLanguageService({ customDialectFiles: absolute });
  } catch (error) {
    io.stderr(`pbx-user-csv: cannot load the dialects: ${escapeControls(error instanceof Error ? error.message : String(error))}\n`);
    return undefined;
  }
  // The core skips a bad dialect file and carries on; a command line asked for it, so that is bad input.
  const configurationErrors = service.configurationErrors();
  for (const error of configurationErrors) {
    const where = error.pointer ? ` at ${error.pointer}` : '';
    io.stderr(`pbx-user-csv: invalid dialect file "${escapeControls(displayPath(displayUri(error.file), io.cwd))}"${escapeControls(where)}: ${escapeControls(error.message)}\n`);
  }
  return configurationErrors.length > 0 ? undefined : service;
}

function listDialects(command: DialectsCommand, service: LanguageService, io: CliIo): number {
  const dialects = service.dialects();
  if (command.format === 'json') {
    io.stdout(JSON.stringify(dialects, null, 2) + '\n');
  } else {
    const width = dialects.reduce((widest, dialect) => Math.max(widest, dialect.id.length), 0);
    for (const dialect of dialects) io.stdout(`${escapeControls(dialect.id.padEnd(width))}  ${escapeControls(dialect.label)}\n`);
  }
  return EXIT_OK;
}

/** Runs the command with the process's arguments and streams; sets the exit code. */
export function run(): void {
  // A reader that goes away (`pbx-user-csv validate … | head -1`) makes writes fail with EPIPE: from then
  // on output is dropped, quietly, and the run still ends with its exit code. Other stream errors stay errors.
  const closed = { stdout: false, stderr: false };
  for (const name of ['stdout', 'stderr'] as const) {
    process[name].on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
      closed[name] = true;
    });
  }
  const io: CliIo = {
    cwd: process.cwd(),
    stdout: (chunk) => void (closed.stdout || process.stdout.write(chunk)),
    stderr: (chunk) => void (closed.stderr || process.stderr.write(chunk)),
  };
  try {
    // exitCode, not exit(): let piped output drain before the process ends.
    main(process.argv.slice(2), io).then(
      (code) => (process.exitCode = code),
      (error: unknown) => internalError(io, error),
    );
  } catch (error) {
    internalError(io, error);
  }
}

function internalError(io: CliIo, error: unknown): void {
  io.stderr(`pbx-user-csv: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = EXIT_USAGE;
}

if (require.main === module) run();
