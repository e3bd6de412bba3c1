// `pbx-user-csv validate`: find the files, check them one by one, stream each to the formatter, pick the exit code.
import { checkFile, type FileOutcome } from './check';
import type { ValidateCommand } from './args';
import { discoverFiles, displayPath } from './files';
import type { LanguageService, ValidationSettings } from '../service';
import type { Formatter, RunSummary, ToolInfo, Write } from './format/types';
import { escapeControls } from './format/escape';
import { createTextFormatter } from './format/text';
import { createJsonFormatter } from './format/json';
import { createSarifFormatter } from './format/sarif';
import { createRuleDescriber } from './rules';

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

export interface CliIo {
  cwd: string;
  stdout: Write;
  stderr: Write;
}

export async function runValidate(command: ValidateCommand, service: LanguageService, tool: ToolInfo, io: CliIo): Promise<number> {
  const discovery = await discoverFiles(command.operands, io.cwd);
  if (discovery.errors.length > 0) {
    // Refuse to give a partial verdict: a mistyped path must not pass CI as "no errors".
    for (const error of discovery.errors) io.stderr(`pbx-user-csv: ${escapeControls(error)}\n`);
    return EXIT_USAGE;
  }

  const settings: Partial<ValidationSettings> = {};
  if (command.maxProblems !== undefined) settings.maxProblems = command.maxProblems;
  const formatter = createFormatter(command, service, tool, io);
  const summary: RunSummary = {
    files: 0,
    userCsvFiles: 0,
    filesWithErrors: 0,
    unreadableFiles: 0,
    counts: { error: 0, warning: 0, information: 0, hint: 0 },
  };

  for (const file of discovery.files) {
    const shown = displayPath(file, io.cwd);
    const outcome = checkFile(service, file, shown, { dialect: command.dialect, settings });
    summary.files++;
    if (outcome.kind === 'unreadable') {
      summary.unreadableFiles++;
      io.stderr(`pbx-user-csv: cannot check "${escapeControls(shown)}": ${escapeControls(outcome.reason)}\n`);
    } else {
      if (outcome.dialect) summary.userCsvFiles++;
      if (outcome.counts.error > 0) summary.filesWithErrors++;
      for (const severity of ['error', 'warning', 'information', 'hint'] as const) {
        summary.counts[severity] += outcome.counts[severity];
      }
    }
    formatter.file(command.quiet ? errorsOnly(outcome) : outcome);
  }
  formatter.end(summary);

  if (summary.unreadableFiles > 0) return EXIT_USAGE;
  if (summary.counts.error > 0) return EXIT_PROBLEMS;
  if (command.maxWarnings !== undefined && summary.counts.warning > command.maxWarnings) {
    io.stderr(`pbx-user-csv: ${summary.counts.warning} warnings, more than --max-warnings ${command.maxWarnings}\n`);
    return EXIT_PROBLEMS;
  }
  return EXIT_OK;
}

function createFormatter(command: ValidateCommand, service: LanguageService, tool: ToolInfo, io: CliIo): Formatter {
  switch (command.format) {
    case 'json':
      return createJsonFormatter(io.stdout, tool);
    case 'sarif':
      return createSarifFormatter(io.stdout, { tool, cwd: io.cwd, describeRule: createRuleDescriber(service) });
    case 'text':
      return createTextFormatter(io.stdout, { quiet: command.quiet });
  }
}

/** --quiet hides non-errors from the output; the counts (and so --max-warnings) still see them. */
function errorsOnly(outcome: FileOutcome): FileOutcome {
  if (outcome.kind !== 'checked') return outcome;
  return { ...outcome, problems: outcome.problems.filter((problem) => problem.severity === 'error') };
}
