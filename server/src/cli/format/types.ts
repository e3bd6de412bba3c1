// What every output format receives: one outcome per file, as soon as it is checked, then the run's totals.
import type { FileOutcome, SeverityCounts } from '../check';

export interface RunSummary {
  /** Files found (user CSVs, other CSVs and unreadable ones). */
  files: number;
  userCsvFiles: number;
  filesWithErrors: number;
  unreadableFiles: number;
  /** All problems found, including those --quiet hides. */
  counts: SeverityCounts;
}

export interface ToolInfo {
  name: string;
  version: string;
  informationUri: string;
}

export interface Formatter {
  file(outcome: FileOutcome): void;
  end(summary: RunSummary): void;
}

export type Write = (chunk: string) => void;
