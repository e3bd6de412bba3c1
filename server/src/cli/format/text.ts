// Human/CI output: one `file:line:col: severity message [rule]` line per problem — the shape editors' problem
// matchers and terminals turn into links — a dialect line per user CSV, and a summary line.
import type { FileOutcome } from '../check';
import { escapeControls, linePath } from './escape';
import type { Formatter, RunSummary, Write } from './types';

const SEVERITY_WORD = { error: 'error', warning: 'warning', information: 'info', hint: 'hint' } as const;

export function createTextFormatter(write: Write, options: { quiet: boolean }): Formatter {
  return {
    file(outcome: FileOutcome): void {
      if (outcome.kind !== 'checked') return; // unreadable: reported on stderr
      const lines: string[] = [];
      // File names, dialect labels (custom dialect files) and messages (which quote header names, JSON keys
      // and values) come from files: escaped, so that none can start a line or send a terminal sequence.
      const file = linePath(outcome.displayPath);
      // Other CSVs have no dialect and no problems, so they print nothing.
      if (outcome.dialect && !options.quiet) {
        const guessed = outcome.dialect.guessed ? ', guessed from the header' : '';
        lines.push(`${file}: dialect ${escapeControls(outcome.dialect.id)} (${escapeControls(outcome.dialect.label)}${guessed})`);
      }
      for (const problem of outcome.problems) {
        const { line, column } = problem.location.start;
        lines.push(`${file}:${line}:${column}: ${SEVERITY_WORD[problem.severity]} ${escapeControls(problem.message)} [${escapeControls(problem.rule)}]`);
        for (const related of problem.related) {
          const at = related.location.start;
          lines.push(`    related: ${file}:${at.line}:${at.column}: ${escapeControls(related.message)}`);
        }
      }
      if (lines.length > 0) write(lines.join('\n') + '\n');
    },
    end(summary: RunSummary): void {
      write(summaryLine(summary) + '\n');
    },
  };
}

/** e.g. `38 files: 12 user CSVs, 4 with errors — 57 errors, 9 warnings`. */
export function summaryLine(summary: RunSummary): string {
  const parts = [plural(summary.userCsvFiles, 'user CSV', 'user CSVs'), `${summary.filesWithErrors} with errors`];
  if (summary.unreadableFiles > 0) parts.push(`${summary.unreadableFiles} unreadable`);
  const counts = [plural(summary.counts.error, 'error', 'errors'), plural(summary.counts.warning, 'warning', 'warnings')];
  if (summary.counts.information > 0) counts.push(`${summary.counts.information} information`);
  if (summary.counts.hint > 0) counts.push(plural(summary.counts.hint, 'hint', 'hints'));
  return `${plural(summary.files, 'file', 'files')}: ${parts.join(', ')} — ${counts.join(', ')}`;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
