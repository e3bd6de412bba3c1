// The CSV model as plain data, for tests that compare models or check them against csv-parse.
import { CsvModel } from '../../server/src/service/csv/model';

export interface CellDump {
  rawStart: number;
  rawEnd: number;
  start: number;
  end: number;
  quoted: boolean;
  value: string;
}

export interface RecordDump {
  start: number;
  end: number;
  line: number;
  cells: CellDump[];
}

export function dumpRecords(model: CsvModel): RecordDump[] {
  const records: RecordDump[] = [];
  for (let r = 0; r < model.recordCount; r++) {
    const cells: CellDump[] = [];
    for (let c = 0; c < model.cellCount(r); c++) cells.push({ ...model.cellSpan(r, c), value: model.value(r, c) });
    records.push({ start: model.recordStart(r), end: model.recordEnd(r), line: model.recordLine(r), cells });
  }
  return records;
}

export function valuesOf(model: CsvModel): string[][] {
  return dumpRecords(model).map((record) => record.cells.map((cell) => cell.value));
}

export function parseModel(text: string): CsvModel {
  return new CsvModel(text);
}
