// The data of the table preview: the columns, any run of rows with what each cell shows (cellDisplay) and
// its problems, and the records a filter keeps. The preview asks for the rows it shows, so a 40,000-row file
// costs the rows on screen, not the file.
import type { Problem, Severity } from '../types';
import { cellDisplay, hasSecretKeys, maskSecrets, type CellDisplay } from './cellDisplay';
import type { FeatureDocument } from './document';
import { rowName, rowNaming } from './rowName';

export interface TableColumn {
  /** The header's name. */
  name: string;
  /** True when the dialect knows the column. */
  known: boolean;
  json: boolean;
  secret: boolean;
  /** The worst severity of the header cell's problems, and their messages. */
  severity?: Severity;
  messages?: string[];
}

export interface TableCell extends CellDisplay {
  severity?: Severity;
  messages?: string[];
}

export interface TableRow {
  /** Record index: the row number the user is shown (1 = the first user). */
  record: number;
  /** 0-based line of the record's first character. */
  line: number;
  name: string;
  /** True when the row's cells may not line up with the header (every value is then masked). */
  broken: boolean;
  cells: TableCell[];
  /** Problems of the row that sit in no cell (a missing cell at the end, say). */
  severity?: Severity;
  messages?: string[];
}

export interface TableFilter {
  /** Keep only rows with a problem. */
  problemsOnly?: boolean;
  /** Keep only rows where a shown value contains this text (letter case ignored); secrets never match. */
  text?: string;
}

const RANK: Record<Severity, number> = { error: 4, warning: 3, information: 2, hint: 1 };
const LABEL: Record<Severity, string> = { error: 'Error', warning: 'Warning', information: 'Info', hint: 'Hint' };

export function worse(a: Severity | undefined, b: Severity): Severity {
  return a === undefined || RANK[b] > RANK[a] ? b : a;
}

/** Problems of one record: by cell, and those of the record as a whole. */
interface RecordProblems {
  cells: Map<number, Problem[]>;
  row: Problem[];
}

/** The problems of a validation, by record and cell. */
export class ProblemIndex {
  private readonly byRecord = new Map<number, RecordProblems>();
  private sorted: number[] | undefined;

  constructor(fd: FeatureDocument, problems: readonly Problem[]) {
    const model = fd.model;
    for (const problem of problems) {
      const record = model.lastRecordStartingAtOrBefore(problem.start);
      if (record < 0) continue;
      let entry = this.byRecord.get(record);
      if (!entry) this.byRecord.set(record, (entry = { cells: new Map(), row: [] }));
      const column = problem.start <= model.recordEnd(record) ? model.columnAt(record, problem.start) : -1;
      if (column < 0) {
        entry.row.push(problem);
        continue;
      }
      const list = entry.cells.get(column);
      if (list) list.push(problem);
      else entry.cells.set(column, [problem]);
    }
  }

  /** Whether the record has a problem. */
  has(record: number): boolean {
    return this.byRecord.has(record);
  }

  /** The data records with a problem, in order. */
  records(): readonly number[] {
    this.sorted ??= [...this.byRecord.keys()].filter((r) => r > 0).sort((a, b) => a - b);
    return this.sorted;
  }

  cell(record: number, column: number): readonly Problem[] {
    return this.byRecord.get(record)?.cells.get(column) ?? [];
  }

  row(record: number): readonly Problem[] {
    return this.byRecord.get(record)?.row ?? [];
  }
}

/** Worst severity and the messages (`Error: …`) of a list of problems; nothing for none. */
function summary(problems: readonly Problem[]): { severity?: Severity; messages?: string[] } {
  if (problems.length === 0) return {};
  let severity: Severity | undefined;
  for (const problem of problems) severity = worse(severity, problem.severity);
  return { severity, messages: problems.map((p) => `${LABEL[p.severity]}: ${p.message} (${p.rule})`) };
}

/** The columns of the table: every header cell. */
export function tableColumns(fd: FeatureDocument, problems?: ProblemIndex): TableColumn[] {
  return fd.header.names.map((name, column) => {
    const definition = fd.columns[column];
    return {
      name,
      known: definition !== undefined,
      json: definition?.type === 'json' && definition.jsonSchema !== undefined,
      secret: definition?.secret === true,
      ...summary(problems?.cell(0, column) ?? []),
    };
  });
}

/** Data records [from, from + count) of `records` (all data records when undefined) as table rows. */
export function tableRows(fd: FeatureDocument, records: readonly number[] | undefined, from: number, count: number, problems?: ProblemIndex): TableRow[] {
  const model = fd.model;
  const total = records ? records.length : Math.max(0, model.recordCount - 1);
  const naming = rowNaming(fd);
  const rows: TableRow[] = [];
  const width = fd.header.names.length;
  for (let i = Math.max(0, from); i < Math.min(total, from + count); i++) {
    const record = records ? records[i] : i + 1;
    const cells: TableCell[] = [];
    for (let column = 0; column < Math.max(width, model.cellCount(record)); column++) {
      cells.push({ ...cellDisplay(fd, record, column), ...summary(problems?.cell(record, column) ?? []) });
    }
    rows.push({
      record,
      line: model.recordLine(record),
      name: rowName(fd, record, naming),
      broken: model.isBroken(record),
      cells,
      ...summary(problems?.row(record) ?? []),
    });
  }
  return rows;
}

/** The data records a filter keeps, in order; undefined when it keeps them all. */
export function filterRecords(fd: FeatureDocument, filter: TableFilter, problems?: ProblemIndex): number[] | undefined {
  const query = filter.text?.trim().toLowerCase() ?? '';
  if (!filter.problemsOnly && query === '') return undefined;
  const model = fd.model;
  const candidates = filter.problemsOnly ? (problems?.records() ?? []) : undefined;
  const kept: number[] = [];
  const keep = (record: number): void => {
    if (query === '' || shownValueContains(fd, record, query)) kept.push(record);
  };
  if (candidates) for (const record of candidates) keep(record);
  else for (let record = 1; record < model.recordCount; record++) keep(record);
  return kept;
}

/** Whether a value the table shows in the record contains `query` (lower case). */
function shownValueContains(fd: FeatureDocument, record: number, query: string): boolean {
  const model = fd.model;
  // Every value of a broken row is masked: nothing to find.
  if (model.isBroken(record)) return false;
  // The written record holds every value (a quote doubled): most records are ruled out without reading a cell.
  if (!query.includes('"') && !model.text.slice(model.recordStart(record), model.recordEnd(record)).toLowerCase().includes(query)) return false;
  for (let column = 0; column < model.cellCount(record); column++) {
    const definition = fd.columns[column];
    if (definition?.secret) continue;
    const value = model.value(record, column);
    if (value === '') continue;
    const root = definition?.type === 'json' ? definition.jsonSchema?.root : undefined;
    // JSON with secret keys is searched as shown, masked; any other value as written.
    const searched = root && hasSecretKeys(root) ? maskedJson(value, root) : value;
    if (searched.toLowerCase().includes(query)) return true;
  }
  return false;
}

function maskedJson(value: string, root: Record<string, unknown>): string {
  try {
    return JSON.stringify(maskSecrets(JSON.parse(value), root));
  } catch {
    return '';
  }
}
