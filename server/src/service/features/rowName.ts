// The name of a data row as the user knows it (the outline's name: `jim.keeny`, `Jim Keeny`), for the outline,
// titles such as "Edit office_hours of jim.keeny as JSON" and the table. Secret columns never name a row, and
// a row whose cells may be shifted is named by its number alone (its name cell may hold a password).
import { columnIndex, type FeatureDocument } from './document';

export interface RowNaming {
  /** Header positions of the cells whose values, joined by a space, name a row. */
  nameIndexes: number[];
  /** Header position of the cell shown beside the name (the extension number), or -1. */
  detailIndex: number;
}

/** Which cells name the rows of this document: the dialect's outline, else the first column that is not secret. */
export function rowNaming(fd: FeatureDocument): RowNaming {
  const usable = (name: string): number => {
    const index = columnIndex(fd, name);
    return index >= 0 && !fd.columns[index]?.secret ? index : -1;
  };
  const outline = fd.dialect.outline;
  const nameIndexes = outline
    ? outline.name.map(usable).filter((i) => i >= 0)
    : [fd.columns.findIndex((c) => c !== undefined && !c.secret)].filter((i) => i >= 0);
  return { nameIndexes, detailIndex: outline?.detail !== undefined ? usable(outline.detail) : -1 };
}

/** The name of data record `record` (1 = the first row after the header): `Row N` when it has none or is broken. */
export function rowName(fd: FeatureDocument, record: number, naming = rowNaming(fd)): string {
  const model = fd.model;
  if (record <= 0 || record >= model.recordCount || model.isBroken(record)) return `Row ${record}`;
  const parts = naming.nameIndexes.map((i) => model.value(record, i).trim()).filter(Boolean);
  return oneLine(parts.join(' ')) || `Row ${record}`;
}

/** Text on one line, cut at 80 characters. */
export function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 80 ? `${flat.slice(0, 79)}…` : flat;
}
