// The table preview's data: the rows it shows, asked for as it scrolls. The problems are those of the last
// validation of the current text (none yet while it runs: `checked` says so, and the preview asks again
// when the diagnostics arrive); a filter's rows are kept for the next request of the same text and filter.
import { ProblemIndex, filterRecords, tableColumns, tableRows, type ParsedDocument, type ValidationResult } from '../../service/index';
import { TableRequest, type TableResult } from '../cellProtocol';
import { parsedOpenDocument } from '../parsedDocument';
import { guarded } from '../safety';
import type { ServerState } from '../state';

/** Most rows one request may ask for. */
const MAX_ROWS = 500;

interface FilterEntry {
  version: number;
  key: string;
  result: ValidationResult | undefined;
  records: number[] | undefined;
}

export function registerTableHandlers(state: ServerState): void {
  const { connection, logger } = state;
  const indexes = new WeakMap<ValidationResult, ProblemIndex>();
  const filters = new Map<string, FilterEntry>();
  state.documents.onDidClose((event) => filters.delete(event.document.uri));

  const problemIndex = (parsed: ParsedDocument, result: ValidationResult | undefined): ProblemIndex | undefined => {
    if (!result) return undefined;
    let index = indexes.get(result);
    if (!index) indexes.set(result, (index = new ProblemIndex(parsed, result.problems)));
    return index;
  };

  connection.onRequest(
    TableRequest,
    guarded(
      logger,
      'table',
      async (params): Promise<TableResult | null> => {
        const found = await parsedOpenDocument(state, params.uri);
        if (!found) {
          const document = state.documents.get(params.uri);
          return document ? { version: document.version, total: 0, rowCount: 0, checked: true, rows: [] } : null;
        }
        const { document, parsed } = found;
        const result = state.sessions.result(params.uri);
        const problems = problemIndex(parsed, result);
        const filter = { problemsOnly: params.problemsOnly === true, text: params.text ?? '' };
        const key = JSON.stringify(filter);
        let entry = filters.get(params.uri);
        if (!entry || entry.version !== document.version || entry.key !== key || entry.result !== result) {
          entry = { version: document.version, key, result, records: filterRecords(parsed, filter, problems) };
          filters.set(params.uri, entry);
        }
        const records = entry.records;
        const rowCount = Math.max(0, parsed.model.recordCount - 1);
        const answer: TableResult = {
          version: document.version,
          dialect: parsed.dialect.label,
          total: records ? records.length : rowCount,
          rowCount,
          checked: result !== undefined,
          rows: tableRows(parsed, records, params.from, Math.min(MAX_ROWS, Math.max(0, params.count)), problems),
        };
        if (problems) answer.rowsWithProblems = problems.records().length;
        if (params.withColumns) answer.columns = tableColumns(parsed, problems);
        return answer;
      },
      null,
    ),
  );
}
