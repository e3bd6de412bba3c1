// STUB: replaced by the embedded-JSON helper. Keep the exported names and signatures stable.
import type { Cell, CsvDocument, Problem, Row, ValidationSettings } from '../types';

/** What the validation engine knows about an embedded-JSON column. */
export interface JsonColumn {
  /** Header name, e.g. `office_hours`. */
  name: string;
  /** Absolute path of the column's JSON Schema file (resolved by the dialect loader). */
  schemaPath: string;
}

/** One per validation run of one document: caches by cell text, gathers cross-row facts (MACs). */
export interface JsonCellChecker {
  /** Problems of one non-empty JSON cell, with spans in document offsets. */
  check(doc: CsvDocument, row: Row, cell: Cell, column: JsonColumn): Problem[];
  /** Cross-row problems (e.g. one MAC on two phones), once every row was checked. */
  finish(): Problem[];
}

export function createJsonCellChecker(_dialectId: string, _settings: ValidationSettings): JsonCellChecker {
  return { check: () => [], finish: () => [] };
}
