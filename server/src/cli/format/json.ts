// Machine output (`--format json`), streamed one file per line. Structure (stable; `version` changes if it does):
// {
//   "version": 1,
//   "tool": { "name": "pbx-user-csv", "version": "0.1.0" },
//   "files": [
//     { "path": "users/a.csv",                         // relative to the working directory, forward slashes
//       "dialect": { "id": "portsip-v22", "label": "…", "guessed": true } | null,   // null: not a user CSV
//       "errorCount": 1, "warningCount": 0, "informationCount": 0, "hintCount": 0,
//       "problems": [ { "rule": "value-boolean", "severity": "error" | "warning" | "information" | "hint",
//                       "message": "…", "line": 2, "column": 5, "endLine": 2, "endColumn": 8,
//                       "related": [ { "message": "…", "line": 1, "column": 1, "endLine": 1, "endColumn": 5 } ] } ],
//       "error": "permission denied" }                  // only for a file that could not be read
//   ],
//   "summary": { "files": 3, "userCsvFiles": 2, "filesWithErrors": 1, "unreadableFiles": 0,
//                "errors": 1, "warnings": 0, "information": 0, "hints": 0 }
// }
// Lines and columns are 1-based; columns count UTF-16 code units; endColumn is just past the last character.
// The counts cover every problem found, including those that --quiet leaves out of "problems".
import type { FileOutcome, Location } from '../check';
import type { Formatter, RunSummary, ToolInfo, Write } from './types';

export const JSON_OUTPUT_VERSION = 1;

export function createJsonFormatter(write: Write, tool: ToolInfo): Formatter {
  let filesWritten = 0;
  write(`{"version":${JSON_OUTPUT_VERSION},"tool":${JSON.stringify({ name: tool.name, version: tool.version })},"files":[\n`);
  return {
    file(outcome: FileOutcome): void {
      write((filesWritten++ > 0 ? ',\n' : '') + JSON.stringify(fileEntry(outcome)));
    },
    end(summary: RunSummary): void {
      const totals = {
        files: summary.files,
        userCsvFiles: summary.userCsvFiles,
        filesWithErrors: summary.filesWithErrors,
        unreadableFiles: summary.unreadableFiles,
        errors: summary.counts.error,
        warnings: summary.counts.warning,
        information: summary.counts.information,
        hints: summary.counts.hint,
      };
      write(`\n],"summary":${JSON.stringify(totals)}}\n`);
    },
  };
}

function fileEntry(outcome: FileOutcome): object {
  if (outcome.kind === 'unreadable') {
    return {
      path: outcome.displayPath,
      dialect: null,
      errorCount: 0,
      warningCount: 0,
      informationCount: 0,
      hintCount: 0,
      problems: [],
      error: outcome.reason,
    };
  }
  const { dialect, counts } = outcome;
  return {
    path: outcome.displayPath,
    dialect: dialect ? { id: dialect.id, label: dialect.label, guessed: dialect.guessed } : null,
    errorCount: counts.error,
    warningCount: counts.warning,
    informationCount: counts.information,
    hintCount: counts.hint,
    problems: outcome.problems.map((problem) => ({
      rule: problem.rule,
      severity: problem.severity,
      message: problem.message,
      ...flatten(problem.location),
      related: problem.related.map((info) => ({ message: info.message, ...flatten(info.location) })),
    })),
  };
}

function flatten(location: Location) {
  return { line: location.start.line, column: location.start.column, endLine: location.end.line, endColumn: location.end.column };
}
